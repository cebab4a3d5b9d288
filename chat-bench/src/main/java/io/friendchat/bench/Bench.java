package io.friendchat.bench;

import io.friendchat.bench.report.Figures;
import io.friendchat.bench.report.ReportFile;
import io.friendchat.bench.report.WallTimes;
import io.friendchat.bench.scenario.Baseline;
import io.friendchat.bench.scenario.BaselineFigures;
import io.friendchat.bench.scenario.ClusterSend;
import io.friendchat.bench.scenario.ColdStart;
import io.friendchat.bench.scenario.DeliveryLatency;
import io.friendchat.bench.scenario.HistoryPages;
import io.friendchat.bench.scenario.IdleSockets;
import io.friendchat.bench.scenario.IdleSocketsAcrossNodes;
import io.friendchat.bench.scenario.JmhRun;
import io.friendchat.bench.scenario.SendThroughput;
import io.friendchat.bootstrap.BenchServers;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark harness: {@code Bench [scenario...] [--flag value...]} runs the
 * named scenarios (all of them by default) and rewrites their sections of
 * BENCHMARKS.md. See {@link #USAGE}.
 */
public final class Bench {

    /**
     * Issue 8's scenarios, which {@code ./bench} runs, in the order they run: the baseline first; send
     * after the scenarios that already run sends in this JVM, so that its settling rounds find the JIT's
     * work on the send path mostly done; latency after send, on a JIT that send has settled.
     */
    static final List<String> SCENARIOS = List.of("baseline", "sockets", "history", "send", "latency", "coldstart",
            "jmh");

    /** Every scenario ({@code ./bench all}): the above, then the several-node ones, each a command of its own. */
    static final List<String> ALL = Stream.concat(SCENARIOS.stream(), Stream.of("cluster", "sockets-nodes")).toList();

    static final String USAGE = """
            ./bench [baseline send latency sockets history coldstart jmh cluster sockets-nodes ... | all] [flags]
            (no scenario: all but the several-node ones, in about 5 minutes on 2 cores with the defaults below;
            all: cluster and sockets-nodes too)

            shared:    --pairs 8 --warmup 2 --duration 5 --rate 1000 --trickle 100 (a low rate, for latency and sockets)
                       --samples 500 (sequential GETs of the baseline)
                       --connections 64 (open loops: sender threads, each one keep-alive connection)
            send:      --settle-rounds 12 (unmeasured rounds until the JIT is quiet)
                       --rounds 3 (baseline then sends, alternately; the median round's ratio counts)
                       --nondurable-check false (true: a second run on H2 WRITE_DELAY=500, for comparison)
            latency:   --latency-duration 20 (seconds measured at --rate, to take in the collector's young pauses)
                       --latency-settle-rounds 30 (closed-loop rounds, 4 senders per receiver, until the JIT is quiet;
                       at most 6 when ./bench runs every scenario: send has settled most of the JIT before)
            output:    --report BENCHMARKS.md (--report none: print only)  --jfr true  --jfr-dir chat-bench/target/jfr
                       --variant NAME (sections of their own, after those of record: a run on another JVM or flags)
                       --wait-quiet 0 (minutes to wait for a load average below 2.5 first)
            server:    in-process on a fresh H2 file, CHAT_RATE_LIMIT=0 (--rate-limit N to change);
                       --db-url/--db-user/--db-password for another database;
                       --target http://host:port --admin-token T --jwt-secret S for a running server
            sockets:   --sockets 2000 (or max) --per-process 9500 --probe-pairs 10 --handshakes 200 --settle 3
            history:   --messages 100000 (issue 8: 1000000; pages are also timed on a conversation a tenth as long)
                       --partners 1000 --page 50 --history-samples 200
            coldstart: --jar chat-bootstrap/target/chat-server.jar --coldstart-runs 1 (starts per variant; 3 for
                       medians; the launcher's training and reuse are checked whatever the count)
                       --coldstart-retrain (a changed jar trains again; default: true alone, false in ./bench)
            jmh:       --jmh-warmups 1 --jmh-iterations 3 --jmh-seconds 1
            cluster:   three nodes and one, on PostgreSQL and a redis-server of the run's own (skipped without them):
                       --pg-url jdbc:postgresql://127.0.0.1:5432/test --pg-user postgres
                       --cluster-rate N (default: half the first one-node closed loop's rate, at most 200/s)
            sockets-nodes: 100,000 idle sockets over nodes in processes of their own (each under the open-file limit),
                       on PostgreSQL and a redis-server of the run's own (skipped without them): --nodes 6
                       --node-sockets 100000
                       --node-jvm -Xms1g,-Xmx1g,-XX:+UseG1GC,-XX:TieredStopAtLevel=1 (the nodes' flags, comma-separated)
                       --node-warmup 20 (seconds of messages at twice --trickle)
                       --jar chat-bootstrap/target/chat-server.jar, and the sockets flags above but --sockets
            """;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse(args);
        if (flags.has("help") || flags.scenarios().contains("help")) {
            System.out.print(USAGE);
            return;
        }
        List<String> chosen = chosen(flags);
        int waitMinutes = flags.integer("wait-quiet", 0);
        if (waitMinutes > 0) {
            LoadAverage.waitBelow(2.5, waitMinutes);
        }
        BenchServers.configureLogs();
        Profile.startOnceBeforeScenarios(flags);
        String report = flags.text("report", "BENCHMARKS.md");
        ReportFile file = report.equals("none") ? null : new ReportFile(Path.of(report),
                withMachine(ALL), flags.text("variant", ""));
        String joined = String.join(" ", args).strip();
        String command = joined.isEmpty() ? "./bench" : "./bench " + joined;
        String machine = Machine.markdown(command);
        publish(file, "machine", machine);

        WallTimes times = startedByScript()
                ? new WallTimes(Long.parseLong(System.getenv("BENCH_STARTED_MILLIS")),
                        "`./bench`'s start after its build")
                : new WallTimes(ManagementFactory.getRuntimeMXBean().getStartTime(), "the harness JVM's start");
        double loadAtStart = LoadAverage.now();
        BaselineFigures baseline = null;
        for (String scenario : chosen) {
            long started = System.nanoTime();
            if (baseline == null && needsBaseline(scenario)) {
                Baseline run = new Baseline(flags);
                baseline = run.run();
                publish(file, "baseline", run.markdown());
            }
            String markdown = switch (scenario) {
                case "baseline" -> null;
                case "send" -> new SendThroughput(flags).run(baseline);
                case "latency" -> new DeliveryLatency(flags).run(baseline);
                case "sockets" -> new IdleSockets(flags).run(baseline);
                case "history" -> new HistoryPages(flags).run(baseline);
                case "coldstart" -> new ColdStart(flags).run();
                case "jmh" -> new JmhRun(flags).run();
                case "cluster" -> new ClusterSend(flags).run(baseline);
                case "sockets-nodes" -> new IdleSocketsAcrossNodes(flags).run(baseline);
                default -> throw new IllegalArgumentException(scenario);
            };
            if (markdown != null) {
                publish(file, scenario, markdown);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            times.took(scenario, millis);
            System.out.printf("%s done in %.0f s%n", scenario, millis / 1e3);
        }
        long now = System.currentTimeMillis();
        System.out.println(times.line(now));
        if (file != null && flags.everyScenario()) {
            file.write("runtime", times.markdown(command, Machine.now(),
                    Figures.load(loadAtStart, LoadAverage.now()), now));
        }
        // Client and server threads of the finished scenarios are daemons or closed; JMH and JFR may linger.
        System.exit(0);
    }

    /** Whether ./bench exported when it started the run (after its build, so Maven's start counts). */
    private static boolean startedByScript() {
        String exported = System.getenv("BENCH_STARTED_MILLIS");
        return exported != null && exported.matches("\\d{10,18}");
    }

    private static List<String> chosen(Flags flags) {
        List<String> asked = flags.scenarios();
        if (asked.contains("all")) {
            return ALL;
        }
        if (asked.isEmpty()) {
            return SCENARIOS;
        }
        for (String name : asked) {
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("unknown scenario '" + name + "'\n" + USAGE);
            }
        }
        // The baseline first, then in the order asked: `./bench send latency` measures latency in a JVM
        // whose JIT the send's settling rounds have finished (a full run keeps latency early, to stay short).
        List<String> ordered = new ArrayList<>();
        if (asked.contains("baseline")) {
            ordered.add("baseline");
        }
        asked.stream().distinct().filter(name -> !name.equals("baseline")).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    private static boolean needsBaseline(String scenario) {
        return List.of("baseline", "send", "latency", "sockets", "history", "cluster",
                "sockets-nodes").contains(scenario);
    }

    private static List<String> withMachine(List<String> scenarios) {
        List<String> sections = new ArrayList<>();
        sections.add("runtime");
        sections.add("machine");
        sections.addAll(scenarios);
        return sections;
    }

    private static void publish(ReportFile file, String section, String markdown) {
        System.out.println();
        System.out.println(markdown);
        if (file != null) {
            file.write(section, markdown);
        }
    }
}
