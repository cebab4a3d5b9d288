package io.friendchat.bench.scenario;

import io.friendchat.bench.Flags;
import io.friendchat.bench.LoadAverage;
import io.friendchat.bench.Machine;
import io.friendchat.bench.Profile;
import io.friendchat.bench.client.ChatClient;
import io.friendchat.bench.client.ClosedLoop;
import io.friendchat.bench.client.FriendPairs;
import io.friendchat.bench.client.Provisioning;
import io.friendchat.bench.client.ServerUnderTest;
import io.friendchat.bench.report.Figures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Scenario 1, send: P friend pairs post {@code /chat/message/} as fast as the
 * server answers, over keep-alive connections, while every receiver holds a
 * socket; messages stored and pushed per second, and whether the counts agree.
 * With {@code --nondurable-check true} it runs again on H2's default write delay, to
 * show what the durable commit per message costs.
 */
public final class SendThroughput {

    private static final double TARGET_SHARE_OF_BASELINE = 0.5;
    private static final String NONDURABLE = ";WRITE_DELAY=500";

    private final Flags flags;
    private final Sizes sizes;

    public SendThroughput(Flags flags) {
        this.flags = flags;
        this.sizes = Sizes.from(flags);
    }

    /** One run's outcome: the closed loop, rows counted in the database, pushes, sockets lost, JFR summary. */
    private record Outcome(ClosedLoop.Result result, long storedRows, long pushed, long pushedInWindow,
                           long socketsClosed, String jfr) {

        boolean countsAgree() {
            return result.okTotal() == pushed && (storedRows < 0 || storedRows == result.okTotal());
        }
    }

    public String run(BaselineFigures baseline) throws Exception {
        double loadBefore = LoadAverage.now();
        Outcome durable;
        try (ServerUnderTest server = ServerUnderTest.start(flags, "")) {
            durable = measure(server, true);
        }
        Outcome nondurable = null;
        boolean check = flags.bool("nondurable-check", false) && !flags.has("target") && !flags.has("db-url");
        if (check) {
            try (ServerUnderTest server = ServerUnderTest.start(flags, NONDURABLE)) {
                nondurable = measure(server, false);
            }
        }
        return markdown(durable, nondurable, baseline, loadBefore);
    }

    private Outcome measure(ServerUnderTest server, boolean profiled) throws Exception {
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        try (ChatClient client = new ChatClient(server.base(), server.jwtSecret());
             FriendPairs pairs = FriendPairs.provision(client, new Provisioning(client, server.adminToken()), "send",
                     sizes.pairs(), (text, arrived) -> arrivals.add(arrived))) {
            long storedBefore = server.storedMessages();
            System.out.println("send: " + sizes.pairs() + " pairs, " + sizes.seconds() + " s"
                    + (profiled ? "" : ", non-durable commits"));
            Profile profile = profiled ? Profile.start(flags, "send") : null;
            ClosedLoop.Result result = ClosedLoop.run(client, sizes.pairs(), sizes.warmup(), sizes.window(),
                    (pair, sequence) -> client.sendMessage(pairs.senderToken(pair), pairs.receiverName(pair),
                            "send:" + pair + ":" + sequence));
            String jfr = profile == null ? "" : profile.stopAndSummarize();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (arrivals.size() < result.okTotal() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long stored = storedBefore < 0 ? -1 : server.storedMessages() - storedBefore;
            long pushedInWindow;
            synchronized (arrivals) {
                pushedInWindow = arrivals.stream().filter(arrived -> arrived >= result.windowStartNanos()
                        && arrived < result.windowEndNanos()).count();
            }
            return new Outcome(result, stored, arrivals.size(), pushedInWindow, pairs.socketsClosed(), jfr);
        }
    }

    private String markdown(Outcome run, Outcome nondurable, BaselineFigures baseline, double loadBefore) {
        ClosedLoop.Result result = run.result();
        double storedPerSecond = result.okPerSecond();
        StringBuilder out = new StringBuilder();
        out.append("## 1. send — messages stored and pushed per second\n\n");
        out.append("`./bench send ").append(sizes.flags()).append(nondurable == null ? "" : " --nondurable-check true")
                .append("` — ").append(Machine.now())
                .append(", load average ").append(Figures.load(loadBefore, LoadAverage.now())).append("\n\n");
        out.append(sizes.pairs()).append(" friend pairs; each sender posts `/chat/message/` (JSON) as soon as its "
                + "last one was answered, over one keep-alive connection; each receiver holds a socket. "
                + sizes.warmupSeconds() + " s warm-up, then " + sizes.seconds() + " s measured; JFR records the "
                + "measured window.\n\n");
        out.append("| figure | value | baseline | ratio |\n|---|---|---|---|\n");
        out.append("| **messages stored** (answered 200, durable commit each) | **").append(Figures.rate(storedPerSecond))
                .append("** | ").append(Figures.rate(baseline.postPerSecond())).append(" no-op POSTs | **")
                .append(Figures.ratio(storedPerSecond, baseline.postPerSecond())).append("** |\n");
        out.append("| messages pushed to receivers' sockets | ")
                .append(Figures.rate(run.pushedInWindow() / (double) sizes.seconds())).append(" | | |\n");
        out.append("| send service time | ").append(Figures.spread(result.serviceMicros())).append(" | ")
                .append(Figures.spread(baseline.postService())).append(" | |\n");
        if (nondurable != null) {
            double rate = nondurable.result().okPerSecond();
            out.append("| for comparison only: stored with H2's default `WRITE_DELAY=500` (acknowledged messages of "
                    + "the last 0.5 s lost on a crash: **not** a setting to run with) | ").append(Figures.rate(rate))
                    .append(" | ").append(Figures.rate(baseline.postPerSecond())).append(" | ")
                    .append(Figures.ratio(rate, baseline.postPerSecond())).append(" |\n");
        }
        out.append("\nCounts over the whole run (warm-up included): ").append(Figures.count(result.okTotal()))
                .append(" answered 200, ").append(run.storedRows() < 0 ? "(rows not counted: remote server)"
                        : Figures.count(run.storedRows()) + " rows stored").append(", ")
                .append(Figures.count(run.pushed())).append(" pushed; failures ")
                .append(result.failures().isEmpty() ? "none" : result.failures().toString())
                .append("; receiver sockets closed ").append(run.socketsClosed()).append(". **Counts ")
                .append(run.countsAgree() ? "agree" : "DISAGREE").append(".**");
        if (nondurable != null) {
            out.append(" (Comparison run: counts ").append(nondurable.countsAgree() ? "agree" : "DISAGREE")
                    .append(".)");
        }
        out.append("\n\nTarget ≥ 50% of the baseline with every message stored and pushed: **")
                .append(Figures.verdict(storedPerSecond >= TARGET_SHARE_OF_BASELINE * baseline.postPerSecond()
                        && run.countsAgree())).append("**.\n\n");
        out.append(run.jfr());
        return out.toString();
    }
}
