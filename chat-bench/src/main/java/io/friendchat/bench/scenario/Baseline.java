package io.friendchat.bench.scenario;

import io.friendchat.bench.Flags;
import io.friendchat.bench.LoadAverage;
import io.friendchat.bench.NoopResource;
import io.friendchat.bench.client.ChatClient;
import io.friendchat.bench.client.ClosedLoop;
import io.friendchat.bench.client.OpenLoop;
import io.friendchat.bench.report.Figures;
import io.friendchat.bootstrap.BenchServers;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Scenario 5, the baseline: the same harness against {@code /bench/noop/}, a no-op
 * JSON endpoint on the same Grizzly + Jersey + Tyrus stack, filters and worker
 * pool as the real server.
 */
public final class Baseline {

    static final String SECRET = "baseline-secret-of-at-least-32-bytes-long";

    private final Flags flags;
    private final Sizes sizes;
    private String markdown;

    public Baseline(Flags flags) {
        this.flags = flags;
        this.sizes = Sizes.from(flags);
    }

    public String markdown() {
        return markdown;
    }

    public BaselineFigures run() throws InterruptedException {
        double loadBefore = LoadAverage.now();
        try (BenchServers.BaselineServer server = BenchServers.startBaseline("127.0.0.1", NoopResource.class, SECRET);
             ChatClient client = new ChatClient(URI.create("http://127.0.0.1:" + server.port() + "/"), SECRET)) {
            String token = client.token(1);
            System.out.println("baseline: closed loop, " + sizes.pairs() + " connections");
            ClosedLoop.Result closed = ClosedLoop.run(client, sizes.pairs(), sizes.warmup(), sizes.window(),
                    (worker, sequence) -> client.noopPost(token, "bench-" + worker, "send:" + worker + ":" + sequence));

            System.out.println("baseline: open loop at " + sizes.rate() + "/s");
            openLoop(client, token, sizes.rate(), sizes.warmup());
            Histogram atRate = openLoop(client, token, sizes.rate(), sizes.window());
            int trickle = flags.integer("trickle", 100);
            System.out.println("baseline: open loop at " + trickle + "/s (the low rate)");
            Histogram atTrickle = openLoop(client, token, trickle, sizes.window());

            int samples = flags.integer("samples", 500);
            Histogram get = Figures.micros();
            HttpRequest noopGet = client.get("bench/noop/", token);
            for (int i = 0; i < samples * 2; i++) {
                long sent = System.nanoTime();
                client.call(noopGet);
                if (i >= samples) {
                    get.recordValue((System.nanoTime() - sent) / 1000);
                }
            }
            markdown = markdown(closed, atRate, atTrickle, trickle, get, samples, loadBefore);
            return new BaselineFigures(closed.okPerSecond(), closed.serviceMicros(), atRate, atTrickle, get);
        }
    }

    /** One open-loop run of no-op POSTs at the rate; latency from each one's due time. */
    private Histogram openLoop(ChatClient client, String token, int rate, Duration duration) {
        OpenLoop loop = new OpenLoop(rate, duration);
        Histogram histogram = Figures.micros();
        loop.run(i -> {
            try {
                client.call(client.noopPost(token, "bench-" + (i % sizes.pairs()), "lat:" + i));
            } catch (RuntimeException e) {
                // Timed as if answered: the baseline's no-op does not fail, and a wait is a wait.
            }
            long latency = (System.nanoTime() - loop.due(i)) / 1000;
            synchronized (histogram) {
                histogram.recordValue(Math.max(0, latency));
            }
        }, sizes.connections(), Duration.ofSeconds(30));
        return histogram;
    }

    private String markdown(ClosedLoop.Result closed, Histogram atRate, Histogram atTrickle, int trickle,
                            Histogram get, int samples, double loadBefore) {
        StringBuilder out = new StringBuilder();
        out.append("## 5. baseline — the stack's ceiling\n\n");
        out.append("`./bench baseline ").append(sizes.flags()).append(" --trickle ").append(trickle)
                .append(" --samples ").append(samples)
                .append("` — ").append(io.friendchat.bench.Machine.stamp()).append(", load average ")
                .append(Figures.load(loadBefore, LoadAverage.now())).append("\n\n");
        out.append("`POST /bench/noop/`: a bench-only resource on the same Grizzly + Jersey + Tyrus stack, chat "
                + "filters, error pages, guards, 20 request workers, metrics and access log as the real server with "
                + "its defaults (never mounted by it); it parses "
                + "the same JSON body as a send and answers a record of the same shape. Same client, same "
                + "connections, same machine as the scenarios.\n\n");
        out.append("| figure | value |\n|---|---|\n");
        out.append("| no-op POSTs answered, closed model, ").append(sizes.pairs()).append(" keep-alive connections | **")
                .append(Figures.rate(closed.okPerSecond())).append("** (").append(Figures.count(closed.okInWindow()))
                .append(" in ").append(sizes.seconds()).append(" s; failures ").append(closed.failed())
                .append("; ").append(Figures.microseconds(closed.cpuMicrosPerOk()))
                .append(" of this JVM's CPU each; its JIT compiled ")
                .append(Figures.percent(closed.compileShare()))
                .append(" of the window: a JVM this young is not warm, see section 1 for a settled no-op) |\n");
        out.append("| their service time | ").append(Figures.spread(closed.serviceMicros())).append(" |\n");
        out.append("| no-op POST at ").append(Figures.rate(sizes.rate()))
                .append(", open model, from due time (coordinated omission corrected) | ")
                .append(Figures.spread(atRate)).append(" |\n");
        out.append("| no-op POST at ").append(Figures.rate(trickle)).append(" (the low rate of latency and sockets), same way | ")
                .append(Figures.spread(atTrickle)).append(" |\n");
        out.append("| sequential no-op GET, ").append(samples).append(" samples | ").append(Figures.spread(get))
                .append(" |\n\n");
        return out.toString();
    }
}
