package io.friendchat.bench.scenario;

import io.friendchat.bench.Flags;
import io.friendchat.bench.LoadAverage;
import io.friendchat.bench.Machine;
import io.friendchat.bench.report.Figures;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The JMH benchmarks of hot paths (token check, event JSON, the send use case in memory), forked. */
public final class JmhRun {

    private final Flags flags;

    public JmhRun(Flags flags) {
        this.flags = flags;
    }

    public String run() throws Exception {
        double loadBefore = LoadAverage.now();
        int warmups = flags.integer("jmh-warmups", 1);
        int iterations = flags.integer("jmh-iterations", 3);
        int seconds = flags.integer("jmh-seconds", 1);
        Options options = new OptionsBuilder()
                .include("io\\.friendchat\\..*Bench\\.")
                .forks(1)
                .jvmArgs("-Xms512m", "-Xmx1g")
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
                .mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS)
                .verbosity(VerboseMode.SILENT)
                .build();
        System.out.println("jmh: running the hot-path benchmarks (one fork each)");
        Collection<RunResult> results = new Runner(options).run();
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> a.getParams().getBenchmark().compareTo(b.getParams().getBenchmark()));
        StringBuilder out = new StringBuilder();
        out.append("## 7. JMH — hot paths\n\n");
        out.append("`./bench jmh --jmh-warmups ").append(warmups).append(" --jmh-iterations ").append(iterations)
                .append(" --jmh-seconds ").append(seconds).append("` — ").append(Machine.stamp())
                .append(", load average ").append(Figures.load(loadBefore, LoadAverage.now())).append("\n\n");
        out.append("Average time per operation, one fork (`-Xmx1g`), ").append(warmups).append(" × ").append(seconds)
                .append(" s warm-up, ").append(iterations).append(" × ").append(seconds)
                .append(" s measured; ± is JMH's 99.9% error. Short runs on a shared machine: read the order of "
                        + "magnitude.\n\n");
        out.append("| benchmark | time per operation | ± | operations per second on one thread |\n|---|---|---|---|\n");
        for (RunResult result : sorted) {
            String name = result.getParams().getBenchmark();
            double score = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            out.append("| `").append(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1))
                    .append("` | ").append(String.format(Locale.ROOT, "%,.0f ns", score)).append(" | ")
                    .append(Double.isNaN(error) ? "–" : String.format(Locale.ROOT, "%,.0f ns", error)).append(" | ")
                    .append(Figures.rate(1e9 / score)).append(" |\n");
        }
        out.append('\n');
        return out.toString();
    }
}
