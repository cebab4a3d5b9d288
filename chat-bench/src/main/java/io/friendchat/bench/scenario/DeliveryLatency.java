package io.friendchat.bench.scenario;

import io.friendchat.bench.Flags;
import io.friendchat.bench.GcPauses;
import io.friendchat.bench.LoadAverage;
import io.friendchat.bench.Machine;
import io.friendchat.bench.Profile;
import io.friendchat.bench.client.ChatClient;
import io.friendchat.bench.client.ClosedLoop;
import io.friendchat.bench.client.FriendPairs;
import io.friendchat.bench.client.OpenLoop;
import io.friendchat.bench.client.Provisioning;
import io.friendchat.bench.client.ServerUnderTest;
import io.friendchat.bench.report.Figures;
import org.HdrHistogram.Histogram;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * Scenario 2, latency: messages sent at a fixed rate (open model) between friend
 * pairs whose receivers hold sockets; the time from each message's due time to
 * its arrival on the receiver's socket.
 */
public final class DeliveryLatency {

    private static final double TARGET_P99_MICROS = 10_000;
    /** Senders per receiver in the settling rounds: as in the open loop, a receiver gets several sends at once. */
    private static final int SETTLE_SENDERS_PER_RECEIVER = 4;

    private final Flags flags;
    private final Sizes sizes;

    public DeliveryLatency(Flags flags) {
        this.flags = flags;
        this.sizes = Sizes.from(flags);
    }

    /** One timed run: due times, the arrivals histogram and the POST answers histogram. */
    static final class Run {
        final OpenLoop loop;
        final String tag;
        final Histogram delivered = Figures.micros();
        final Histogram answered = Figures.micros();
        final LongAdder arrivals = new LongAdder();
        final LongAdder failures = new LongAdder();
        private long lastArrival;
        /** This JVM's collector pauses from the first send to the last arrival (or the drain's end). */
        String gcPauses = "";

        Run(int rate, Duration duration, String tag) {
            this.loop = new OpenLoop(rate, duration);
            this.tag = tag;
        }

        void arrived(String text, long arrivedNanos) {
            if (!text.startsWith(tag)) {
                return;
            }
            int i = Integer.parseInt(text.substring(tag.length()));
            synchronized (delivered) {
                delivered.recordValue(Math.max(0, (arrivedNanos - loop.due(i)) / 1000));
                lastArrival = Math.max(lastArrival, arrivedNanos);
            }
            arrivals.increment();
        }

        /** Messages delivered per second, from the first one's due time to the last arrival. */
        double deliveredPerSecond() {
            synchronized (delivered) {
                return lastArrival == 0 ? 0 : arrivals.sum() * 1e9 / (lastArrival - loop.due(0));
            }
        }

        /**
         * Fires the whole run from {@code senders} threads (each a connection) and waits for
         * its pushes (at most {@code drain}).
         */
        void fire(ChatClient client, FriendPairs pairs, Duration drain, int senders) throws InterruptedException {
            fire(client, pairs.size(), (pair, text) -> client.sendMessage(pairs.senderToken(pair),
                    pairs.receiverName(pair), text), drain, senders);
        }

        /**
         * As above, over {@code pairs} pairs whose sends {@code route} builds (through any node's address);
         * {@code client} only carries them.
         */
        void fire(ChatClient client, int pairs, BiFunction<Integer, String, HttpRequest> route, Duration drain,
                  int senders) throws InterruptedException {
            try (GcPauses pauses = GcPauses.record()) {
                fireAndDrain(client, pairs, route, drain, senders);
                gcPauses = pauses.summary();
            }
        }

        private void fireAndDrain(ChatClient client, int pairs, BiFunction<Integer, String, HttpRequest> route,
                                  Duration drain, int senders) throws InterruptedException {
            loop.run(i -> {
                boolean ok;
                try {
                    ok = client.call(route.apply(i % pairs, tag + i)).statusCode() == 200;
                } catch (RuntimeException e) {
                    ok = false;
                }
                if (!ok) {
                    failures.increment();
                }
                synchronized (answered) {
                    answered.recordValue(Math.max(0, (System.nanoTime() - loop.due(i)) / 1000));
                }
            }, senders, drain);
            long deadline = System.nanoTime() + drain.toNanos();
            while (arrivals.sum() + failures.sum() < loop.count() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    public String run(BaselineFigures baseline) throws Exception {
        double loadBefore = LoadAverage.now();
        AtomicReference<Run> current = new AtomicReference<>();
        try (ServerUnderTest server = ServerUnderTest.start(flags);
             ChatClient client = new ChatClient(server.base(), server.jwtSecret());
             FriendPairs pairs = FriendPairs.provision(client, new Provisioning(client, server.adminToken()),
                     "lat", sizes.pairs(), (text, arrived) -> current.get().arrived(text, arrived))) {
            List<ClosedLoop.Result> settling = settle(client, pairs, current);
            System.out.println("latency: " + sizes.rate() + " messages/s, " + measuredSeconds() + " s");
            Run warmup = new Run(sizes.rate(), sizes.warmup(), "warm:");
            current.set(warmup);
            warmup.fire(client, pairs, Duration.ofSeconds(30), sizes.connections());
            Run measured = new Run(sizes.rate(), Duration.ofSeconds(measuredSeconds()), "lat:");
            current.set(measured);
            measured.fire(client, pairs, Duration.ofSeconds(30), sizes.connections());
            int low = flags.integer("trickle", 100);
            System.out.println("latency: " + low + " messages/s, " + sizes.seconds() + " s");
            Run lowWarmup = new Run(low, sizes.warmup(), "lowwarm:");
            current.set(lowWarmup);
            lowWarmup.fire(client, pairs, Duration.ofSeconds(30), sizes.connections());
            Run lowRate = new Run(low, sizes.window(), "low:");
            current.set(lowRate);
            lowRate.fire(client, pairs, Duration.ofSeconds(30), sizes.connections());
            // Profiled in a run of its own, after the measured ones: starting JFR (the first time in a JVM,
            // above all) sets the JIT back for seconds, and a measured run under it would show that.
            String jfr = "";
            Profile profile = Profile.start(flags, "latency");
            if (profile != null) {
                Run profiled = new Run(sizes.rate(), sizes.window(), "jfr:");
                current.set(profiled);
                // A short drain: a server that could not keep up would make this run wait for its backlog.
                profiled.fire(client, pairs, Duration.ofSeconds(5), sizes.connections());
                jfr = profile.stopAndSummarize();
            }
            return markdown(measured, lowRate, low, pairs.socketsClosed(), baseline, jfr, loadBefore, settling);
        }
    }

    /**
     * Closed-loop sends, several at once to each receiver, in rounds, until the JIT is quiet (at most
     * {@code --latency-settle-rounds}): a send that meets code the JIT has not compiled yet, or has to
     * compile again for a new pattern (several sends to one receiver in one batch), is what a young
     * server's latency shows, not its steady state.
     */
    private List<ClosedLoop.Result> settle(ChatClient client, FriendPairs pairs, AtomicReference<Run> current)
            throws InterruptedException {
        current.set(new Run(1, Duration.ofSeconds(1), "unmeasured:"));
        return ClosedLoop.untilJitSettled(settleRounds(), "latency: settle",
                r -> ClosedLoop.run(client, sizes.pairs() * SETTLE_SENDERS_PER_RECEIVER, Duration.ZERO,
                        sizes.window(), (sender, sequence) -> client.sendMessage(
                                pairs.senderToken(sender % sizes.pairs()), pairs.receiverName(sender % sizes.pairs()),
                                "settle:" + sender + ":" + sequence)),
                round -> Figures.rate(round.okPerSecond()) + " sends, JIT " + Figures.percent(round.compileShare()));
    }

    private String markdown(Run run, Run lowRate, int low, long socketsClosed, BaselineFigures baseline, String jfr,
                            double loadBefore, List<ClosedLoop.Result> settling) {
        Histogram delivered = run.delivered;
        long missing = run.loop.count() - run.arrivals.sum();
        double p99 = Figures.p99(delivered);
        double baseP99 = baseline.postAtRate().getValueAtPercentile(99);
        StringBuilder out = new StringBuilder();
        out.append("## 2. latency — POST to socket delivery at a fixed rate\n\n");
        out.append("`./bench latency ").append(sizes.flags()).append(" --latency-duration ").append(measuredSeconds())
                .append(" --trickle ").append(low)
                .append(" --latency-settle-rounds ").append(settleRounds()).append("` — ").append(Machine.stamp())
                .append(", load average ").append(Figures.load(loadBefore, LoadAverage.now())).append("\n\n");
        out.append(Figures.rate(sizes.rate())).append(" messages over ").append(sizes.pairs())
                .append(" friend pairs (receivers on sockets), open model: message *i* is due at start + *i*/rate "
                        + "whatever happened before, and its latency runs from that due time to its arrival on the "
                        + "receiver's socket (coordinated omission corrected). The sends go out on ")
                .append(sizes.connections()).append(" sender threads, each with one keep-alive connection making "
                        + "one blocking call at a time (a send due while all are busy waits, and the wait counts). ")
                .append(settlingText(settling, sizes.seconds()))
                .append(sizes.warmupSeconds()).append(" s warm-up at the same rate, then ")
                .append(measuredSeconds()).append(" s measured (")
                .append(Figures.count(run.loop.count())).append(" messages: long enough to take in several young "
                        + "collections, which G1 makes every 5–20 s at this rate with a 3 GB heap); then ")
                .append(sizes.warmupSeconds()).append(" s and ").append(sizes.seconds()).append(" s at ")
                .append(Figures.rate(low)).append(", a rate the server sustains here.\n\n");
        out.append("| figure | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|\n");
        row(out, "**POST → socket delivery**", delivered);
        row(out, "POST → 200 answer (from due time)", run.answered);
        row(out, "baseline: no-op POST → answer at the same rate", baseline.postAtRate());
        row(out, "**POST → socket delivery at " + Figures.rate(low) + "**", lowRate.delivered);
        row(out, "baseline: no-op POST → answer at " + Figures.rate(low), baseline.postAtTrickle());
        out.append("\nDelivered at ").append(Figures.rate(run.deliveredPerSecond())).append(" on average (asked ")
                .append(Figures.rate(sizes.rate())).append(sizes.rate() > run.deliveredPerSecond() * 1.05
                        ? ": the server could not keep up, so messages queued and latency grew over the run" : "")
                .append("). Ratio p99 delivery / baseline p99: **").append(Figures.ratio(p99, baseP99))
                .append("**. Delivered ").append(Figures.count(run.arrivals.sum())).append(" of ")
                .append(Figures.count(run.loop.count())).append(" (missing ").append(missing)
                .append(", failed sends ").append(run.failures.sum()).append(", sockets closed ")
                .append(socketsClosed).append("). The generator sent its last message ")
                .append(String.format(Locale.ROOT, "%.2f s", run.loop.lastFiredLateSeconds()))
                .append(" after it was due").append(run.loop.lastFiredLateSeconds() > 0.1
                        ? " (**it fell behind its schedule**: sending is part of what was measured)" : "")
                .append(". Garbage-collector pauses in this JVM (")
                .append(flags.has("target") ? "the client's only" : "the in-process server's and the client's")
                .append(") from the first send to the last arrival: ").append(run.gcPauses)
                .append(" (at ").append(Figures.rate(low)).append(": ").append(lowRate.gcPauses).append("). At ")
                .append(Figures.rate(low)).append(": delivered ")
                .append(Figures.count(lowRate.arrivals.sum())).append(" of ").append(Figures.count(lowRate.loop.count()))
                .append(", p99 ratio to the baseline at that rate **")
                .append(Figures.ratio(Figures.p99(lowRate.delivered), baseline.postAtTrickle().getValueAtPercentile(99)))
                .append("**.\n\n");
        out.append("Target p99 ≤ 10 ms at 1,000 messages/s: **").append(Figures.verdict(
                sizes.rate() >= 1000 && p99 <= TARGET_P99_MICROS && missing == 0)).append("**")
                .append(sizes.rate() < 1000 ? " (rate below 1,000/s: not a test of the target)" : "")
                .append(".\n\n");
        if (!jfr.isEmpty()) {
            out.append("JFR recorded a further run at the same rate after the measured ones, outside the figures. ");
        }
        out.append(jfr);
        return out.toString();
    }

    /**
     * At most 30 by default (a young JVM needed 5–30); at most 6 in a run of every scenario, whose
     * 5 minutes cannot hold the minute or two that takes: there latency runs after send, whose own
     * settling leaves little for the JIT to do.
     */
    private int settleRounds() {
        return Math.max(0, flags.integer("latency-settle-rounds", flags.everyScenario() ? 6 : 30));
    }

    /** Seconds measured at the full rate: at 1,000/s a young collection comes every 5–20 s. */
    private int measuredSeconds() {
        return Math.max(1, flags.integer("latency-duration", 20));
    }

    private static String settlingText(List<ClosedLoop.Result> settling, int seconds) {
        if (settling.isEmpty()) {
            return "No settling rounds (`--latency-settle-rounds 0`): the JIT may still be compiling. ";
        }
        ClosedLoop.Result last = settling.get(settling.size() - 1);
        boolean settled = last.jitSettled();
        return "First, on this server, closed-loop sends from " + SETTLE_SENDERS_PER_RECEIVER
                + " senders per receiver in " + seconds + "-second rounds, until the JIT compiled under "
                + Math.round(ClosedLoop.Result.JIT_SETTLED * 100) + "% of a round: **" + settling.size() + " settling rounds**, the last at "
                + Figures.rate(last.okPerSecond()) + " sends with JIT " + Figures.percent(last.compileShare())
                + (settled ? "" : " (**not settled**: the runs below still include compiling)") + ". ";
    }

    private static void row(StringBuilder out, String name, Histogram h) {
        out.append("| ").append(name).append(" | ").append(Figures.percentile(h, 50)).append(" | ")
                .append(Figures.percentile(h, 90)).append(" | ").append(Figures.percentile(h, 99)).append(" | ")
                .append(Figures.percentile(h, 99.9)).append(" | ")
                .append(h.getTotalCount() == 0 ? "–" : Figures.ms(h.getMaxValue())).append(" |\n");
    }
}
