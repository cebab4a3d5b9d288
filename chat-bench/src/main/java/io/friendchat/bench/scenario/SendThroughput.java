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
import io.friendchat.bench.NoopResource;
import io.friendchat.bench.report.Figures;
import io.friendchat.bootstrap.BenchServers;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Scenario 1, send: P friend pairs post {@code /chat/message/} as fast as the
 * server answers, over keep-alive connections, while every receiver holds a
 * socket; messages stored and pushed per second, and whether the counts agree.
 * The no-op baseline runs beside it in alternating rounds (baseline, send, baseline,
 * send...), and the ratio is the median of the rounds' ratios: on a shared machine
 * whose speed drifts by half within a minute, two figures taken minutes apart
 * compare the moments rather than the servers.
 * With {@code --nondurable-check true} it runs again on H2's default write delay, to
 * show what the durable commit per message costs.
 */
public final class SendThroughput {

    private static final double TARGET_SHARE_OF_BASELINE = 0.5;
    private static final String NONDURABLE = ";WRITE_DELAY=500";
    private static final int NOOP_RESETTLE_ROUNDS = 3;

    private final Flags flags;
    private final Sizes sizes;
    private final int rounds;
    private final int settleRounds;

    public SendThroughput(Flags flags) {
        this.flags = flags;
        this.sizes = Sizes.from(flags);
        this.rounds = Math.max(1, flags.integer("rounds", 3));
        this.settleRounds = Math.max(0, flags.integer("settle-rounds", 12));
    }

    /** One round: the no-op baseline's closed loop, then the send's, each over the same window length. */
    private record Round(ClosedLoop.Result baseline, ClosedLoop.Result send) {

        double ratio() {
            return send.okPerSecond() / baseline.okPerSecond();
        }
    }

    /**
     * The settling rounds (sends only), the measured rounds, rows counted in the database, pushes (in all and
     * in the rounds' windows), sockets lost, JFR.
     */
    private record Outcome(List<ClosedLoop.Result> settling, List<Round> rounds, long profiledSends, long storedRows,
                           long pushed, long pushedInWindows, long socketsClosed, String jfr) {

        /** Every send answered 200, the settling rounds' and the profiled window's included. */
        long okTotal() {
            return Stream.concat(settling.stream(), rounds.stream().map(Round::send))
                    .mapToLong(ClosedLoop.Result::okTotal).sum() + profiledSends;
        }

        boolean settled() {
            return !settling.isEmpty() && settling.get(settling.size() - 1).jitSettled();
        }

        boolean countsAgree() {
            return okTotal() == pushed && (storedRows < 0 || storedRows == okTotal());
        }

        /** The round whose ratio is the median (the lower middle one for an even count). */
        Round median() {
            List<Round> sorted = new ArrayList<>(rounds);
            sorted.sort(Comparator.comparingDouble(Round::ratio));
            return sorted.get((sorted.size() - 1) / 2);
        }

        Map<String, Long> failures() {
            Map<String, Long> all = new TreeMap<>();
            Stream.concat(settling.stream(), rounds.stream().map(Round::send))
                    .forEach(sends -> sends.failures().forEach((k, v) -> all.merge(k, v, Long::sum)));
            return all;
        }
    }

    public String run(BaselineFigures baseline) throws Exception {
        double loadBefore = LoadAverage.now();
        Outcome durable;
        Outcome nondurable = null;
        try (BenchServers.BaselineServer noop = BenchServers.startBaseline("127.0.0.1", NoopResource.class,
                Baseline.SECRET);
             ChatClient noopClient = new ChatClient(URI.create("http://127.0.0.1:" + noop.port() + "/"),
                     Baseline.SECRET)) {
            try (ServerUnderTest server = ServerUnderTest.start(flags, "")) {
                durable = measure(server, noopClient, true);
            }
            boolean check = flags.bool("nondurable-check", false) && !flags.has("target") && !flags.has("db-url");
            if (check) {
                try (ServerUnderTest server = ServerUnderTest.start(flags, NONDURABLE)) {
                    nondurable = measure(server, noopClient, false);
                }
            }
        }
        return markdown(durable, nondurable, baseline, loadBefore);
    }

    private Outcome measure(ServerUnderTest server, ChatClient noopClient, boolean profiled) throws Exception {
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        String noopToken = noopClient.token(1);
        try (ChatClient client = new ChatClient(server.base(), server.jwtSecret());
             FriendPairs pairs = FriendPairs.provision(client, new Provisioning(client, server.adminToken()), "send",
                     sizes.pairs(), (text, arrived) -> arrivals.add(arrived))) {
            long storedBefore = server.storedMessages();
            List<Round> measured = new ArrayList<>();
            String jfr = "";
            long profiledSends = 0;
            // Rounds that only warm: this JVM's JIT compiles for a minute or more on 2 busy cores, and a
            // window it takes a third of measures the compiler. Sends only: the baseline section ran the
            // no-op's path before. Over as soon as one is quiet.
            List<ClosedLoop.Result> settling = ClosedLoop.untilJitSettled(settleRounds, "send: settle",
                    r -> sends(client, pairs, r == 0 ? sizes.warmup() : Duration.ZERO, "settle:" + r),
                    SendThroughput::roundHalf);
            // The sends' settling recompiled code the no-op shares (Grizzly, Jersey, Jackson): its path settles
            // again, unmeasured, so that the first round's baseline does not measure the compiler either.
            if (!settling.isEmpty()) {
                ClosedLoop.untilJitSettled(NOOP_RESETTLE_ROUNDS, "send: no-op settling again",
                        r -> noops(noopClient, noopToken, Duration.ZERO), SendThroughput::roundHalf);
            }
            for (int r = 0; r < rounds; r++) {
                // Without settling rounds, both warm up before the first round only.
                Duration warmup = r == 0 && settleRounds == 0 ? sizes.warmup() : Duration.ZERO;
                measured.add(round(client, pairs, noopClient, noopToken, "round " + (r + 1) + " of " + rounds,
                        warmup, "round:" + r, profiled));
            }
            long sent = Stream.concat(settling.stream(), measured.stream().map(Round::send))
                    .mapToLong(ClosedLoop.Result::okTotal).sum();
            // Profiled in a window of its own after the rounds, so that no measured figure runs under JFR.
            Profile profile = profiled ? Profile.start(flags, "send") : null;
            if (profile != null) {
                ClosedLoop.Result extra = ClosedLoop.run(client, sizes.pairs(), Duration.ZERO, sizes.window(),
                        (pair, sequence) -> client.sendMessage(pairs.senderToken(pair), pairs.receiverName(pair),
                                "send:jfr:" + pair + ":" + sequence));
                jfr = profile.stopAndSummarize();
                profiledSends = extra.okTotal();
                sent += profiledSends;
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (arrivals.size() < sent && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long stored = storedBefore < 0 ? -1 : server.storedMessages() - storedBefore;
            long pushedInWindows;
            synchronized (arrivals) {
                pushedInWindows = arrivals.stream().filter(arrived -> measured.stream().anyMatch(round ->
                        arrived >= round.send().windowStartNanos() && arrived < round.send().windowEndNanos()))
                        .count();
            }
            return new Outcome(settling, measured, profiledSends, stored, arrivals.size(), pushedInWindows,
                    pairs.socketsClosed(), jfr);
        }
    }

    /** The no-op baseline's closed loop, then the sends', each over the same window length. */
    private Round round(ChatClient client, FriendPairs pairs, ChatClient noopClient, String noopToken, String name,
                        Duration warmup, String textPrefix, boolean durable) throws InterruptedException {
        System.out.println("send: " + name + ", " + sizes.pairs() + " pairs, " + sizes.seconds()
                + " s of no-op POSTs, then " + sizes.seconds() + " s of sends"
                + (durable ? "" : " (non-durable commits)"));
        ClosedLoop.Result noops = noops(noopClient, noopToken, warmup);
        ClosedLoop.Result sends = sends(client, pairs, warmup, textPrefix);
        System.out.println("send: " + name + ": no-op " + roundHalf(noops) + "; send " + roundHalf(sends));
        return new Round(noops, sends);
    }

    /** The no-op's closed loop, over as many connections as there are pairs. */
    private ClosedLoop.Result noops(ChatClient noopClient, String noopToken, Duration warmup)
            throws InterruptedException {
        return ClosedLoop.run(noopClient, sizes.pairs(), warmup, sizes.window(),
                (worker, sequence) -> noopClient.noopPost(noopToken, "bench-" + worker,
                        "send:" + worker + ":" + sequence));
    }

    /** The sends' closed loop: each pair's sender posts as soon as its last send was answered. */
    private ClosedLoop.Result sends(ChatClient client, FriendPairs pairs, Duration warmup, String textPrefix)
            throws InterruptedException {
        return ClosedLoop.run(client, sizes.pairs(), warmup, sizes.window(),
                (pair, sequence) -> client.sendMessage(pairs.senderToken(pair), pairs.receiverName(pair),
                        textPrefix + ":" + pair + ":" + sequence));
    }

    /** A half of a round: its rate, CPU per request and JIT share. */
    private static String roundHalf(ClosedLoop.Result half) {
        return Figures.rate(half.okPerSecond()) + ", " + Figures.microseconds(half.cpuMicrosPerOk())
                + " CPU each (" + String.format(Locale.ROOT, "%.2f", half.coresUsed()) + " cores; machine "
                + Figures.percent(half.machineBusyInWindow()) + " busy), JIT " + Figures.percent(half.compileShare());
    }

    private String markdown(Outcome run, Outcome nondurable, BaselineFigures baseline, double loadBefore) {
        Round median = run.median();
        double storedPerSecond = median.send().okPerSecond();
        double noopPerSecond = median.baseline().okPerSecond();
        StringBuilder out = new StringBuilder();
        out.append("## 1. send — messages stored and pushed per second\n\n");
        out.append("`./bench send ").append(sizes.flags()).append(" --settle-rounds ").append(settleRounds)
                .append(" --rounds ").append(rounds)
                .append(nondurable == null ? "" : " --nondurable-check true")
                .append("` — ").append(Machine.stamp())
                .append(", load average ").append(Figures.load(loadBefore, LoadAverage.now())).append("\n\n");
        out.append(sizes.pairs()).append(" friend pairs; each sender posts `/chat/message/` (JSON) as soon as its "
                + "last one was answered, over one keep-alive connection; each receiver holds a socket. A round is the "
                + "no-op baseline (a server as in section 5, same client, same number of connections) for ")
                .append(sizes.seconds()).append(" s, then the sends for ").append(sizes.seconds())
                .append(" s: this machine's speed drifts within a minute, so each send is compared with a baseline "
                        + "taken just before it. ");
        if (run.settling().isEmpty()) {
            out.append("No settling rounds (`--settle-rounds 0`): ").append(sizes.warmupSeconds())
                    .append(" s of warm-up each before the first round. ");
        } else {
            ClosedLoop.Result last = run.settling().get(run.settling().size() - 1);
            out.append("First, ").append(sizes.seconds()).append("-second rounds of sends only that warm the JVM, "
                            + "until its JIT compilers spent under ")
                    .append(Math.round(ClosedLoop.Result.JIT_SETTLED * 100)).append("% of a round's window compiling (at most ")
                    .append(settleRounds).append("; on 2 busy cores the JIT works for a minute or more, and a window "
                            + "it takes a third of measures the compiler): **")
                    .append(run.settling().size()).append(" settling rounds**, the last at JIT ")
                    .append(Figures.percent(last.compileShare()))
                    .append(run.settled() ? "" : " (**not settled**: the rounds below still include compiling)")
                    .append(". Then the no-op alone in unmeasured rounds (at most ").append(NOOP_RESETTLE_ROUNDS)
                    .append(") until it is quiet again: the sends' settling recompiles code the two share. ");
        }
        out.append("Then ").append(rounds).append(" measured rounds; the figure is the round with the median ratio. "
                + "CPU is this JVM's (client, server, JIT and GC, every thread) per request answered in the window. "
                + "JFR records a further send window after the rounds, outside the figures.\n\n");
        out.append("| figure | value | baseline | ratio |\n|---|---|---|---|\n");
        out.append("| **messages stored** (answered 200, durable commit each), median round | **")
                .append(Figures.rate(storedPerSecond)).append("** | ").append(Figures.rate(noopPerSecond))
                .append(" no-op POSTs | **").append(Figures.ratio(storedPerSecond, noopPerSecond)).append("** |\n");
        out.append("| CPU per request, median round | ")
                .append(Figures.microseconds(median.send().cpuMicrosPerOk())).append(" per send | ")
                .append(Figures.microseconds(median.baseline().cpuMicrosPerOk())).append(" per no-op | ")
                .append(Figures.ratio(median.baseline().cpuMicrosPerOk(), median.send().cpuMicrosPerOk()))
                .append(" (no-op CPU ÷ send CPU) |\n");
        for (int r = 0; r < run.rounds().size(); r++) {
            Round round = run.rounds().get(r);
            out.append("| round ").append(r + 1).append(" | ").append(roundHalf(round.send())).append(" | ")
                    .append(roundHalf(round.baseline())).append(" | ")
                    .append(Figures.ratio(round.send().okPerSecond(), round.baseline().okPerSecond())).append(" |\n");
        }
        out.append("| messages pushed to receivers' sockets (in the rounds' windows) | ")
                .append(Figures.rate(run.pushedInWindows() / (double) (sizes.seconds() * run.rounds().size())))
                .append(" | | |\n");
        out.append("| send service time, median round | ").append(Figures.spread(median.send().serviceMicros()))
                .append(" | ").append(Figures.spread(median.baseline().serviceMicros())).append(" | |\n");
        if (nondurable != null) {
            Round other = nondurable.median();
            out.append("| for comparison only: stored with H2's default `WRITE_DELAY=500` (acknowledged messages of "
                    + "the last 0.5 s lost on a crash: **not** a setting to run with), median round | ")
                    .append(Figures.rate(other.send().okPerSecond())).append(" | ")
                    .append(Figures.rate(other.baseline().okPerSecond())).append(" | ")
                    .append(Figures.ratio(other.send().okPerSecond(), other.baseline().okPerSecond())).append(" |\n");
        }
        out.append("\nThe baseline section's own closed-loop run: ").append(Figures.rate(baseline.postPerSecond()))
                .append(" (another moment; not used for the ratio).");
        out.append("\n\nCounts over the whole run (warm-up included): ").append(Figures.count(run.okTotal()))
                .append(" answered 200, ").append(run.storedRows() < 0 ? "(rows not counted: remote server)"
                        : Figures.count(run.storedRows()) + " rows stored").append(", ")
                .append(Figures.count(run.pushed())).append(" pushed; failures ")
                .append(run.failures().isEmpty() ? "none" : run.failures().toString())
                .append("; receiver sockets closed ").append(run.socketsClosed()).append(". **Counts ")
                .append(run.countsAgree() ? "agree" : "DISAGREE").append(".**");
        if (nondurable != null) {
            out.append(" (Comparison run: counts ").append(nondurable.countsAgree() ? "agree" : "DISAGREE")
                    .append(".)");
        }
        out.append("\n\nTarget ≥ 50% of the baseline with every message stored and pushed: **")
                .append(Figures.verdict(storedPerSecond >= TARGET_SHARE_OF_BASELINE * noopPerSecond
                        && run.countsAgree())).append("**.\n\n");
        out.append(run.jfr());
        return out.toString();
    }
}
