package io.friendchat.bench.scenario;

import io.friendchat.bench.Flags;
import io.friendchat.bench.LoadAverage;
import io.friendchat.bench.Machine;
import io.friendchat.bench.ProcessFacts;
import io.friendchat.bench.client.ChatClient;
import io.friendchat.bench.client.FriendPairs;
import io.friendchat.bench.client.Provisioning;
import io.friendchat.bench.client.ServerUnderTest;
import io.friendchat.bench.report.Figures;
import io.friendchat.bootstrap.ChatServer;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Scenario 3, sockets: N authenticated idle sockets, opened by child processes
 * over several 127.0.0.x source addresses, held by the in-process server while a
 * trickle of messages flows between probe pairs; sockets held, heap after GC per
 * socket, and the trickle's p99 delivery at that size.
 */
public final class IdleSockets {

    static final long TARGET_SOCKETS = 100_000;
    static final double TARGET_BYTES_PER_SOCKET = 25 * 1024;
    static final double TARGET_P99_MICROS = 50_000;
    /** Descriptors kept free in the server's process for the JVM, the database and the trickle's connections. */
    private static final int SPARE_FILES = 400;

    private final Flags flags;
    private final Sizes sizes;

    public IdleSockets(Flags flags) {
        this.flags = flags;
        this.sizes = Sizes.from(flags);
    }

    public String run(BaselineFigures baseline) throws Exception {
        double loadBefore = LoadAverage.now();
        int probePairs = flags.integer("probe-pairs", 10);
        int trickle = flags.integer("trickle", 100);
        int perProcess = flags.integer("per-process", 9_500);
        int handshakes = flags.integer("handshakes", 200);
        String asked = flags.text("sockets", "2000");
        AtomicReference<DeliveryLatency.Run> current = new AtomicReference<>();
        Path work = Files.createTempDirectory("friendchat-bench-holders-");
        try (ServerUnderTest server = ServerUnderTest.start(flags);
             ChatClient client = new ChatClient(server.base(), server.jwtSecret());
             FriendPairs pairs = FriendPairs.provision(client, new Provisioning(client, server.adminToken()),
                     "trk", probePairs, (text, arrived) -> current.get().arrived(text, arrived))) {
            long[] limit = ProcessFacts.openFileLimit();
            int filesBefore = ProcessFacts.openFiles();
            int reachable = (int) Math.max(0, Math.min(Integer.MAX_VALUE, limit[0]) - filesBefore - SPARE_FILES);
            int sockets = asked.equals("max") ? reachable : Math.min(Integer.parseInt(asked.replace("_", "")),
                    reachable);
            String capped = !asked.equals("max") && sockets < Integer.parseInt(asked.replace("_", ""))
                    ? " (asked " + asked + "; capped to what this process's open-file limit allows)" : "";

            System.out.println("sockets: provisioning " + sockets + " accounts");
            long provisionStart = System.nanoTime();
            String tag = "idle-" + FriendPairs.runTag();
            List<Long> ids = new Provisioning(client, server.adminToken()).createAccounts(
                    IntStream.range(0, sockets).mapToObj(i -> tag + "-" + i).toList());
            double provisionSeconds = (System.nanoTime() - provisionStart) / 1e9;

            DeliveryLatency.Run warm = new DeliveryLatency.Run(trickle, sizes.warmup(), "warm:");
            current.set(warm);
            warm.fire(client, pairs, Duration.ofSeconds(30), sizes.connections());
            System.out.println("sockets: trickle at " + trickle + "/s before the idle sockets open");
            DeliveryLatency.Run alone = new DeliveryLatency.Run(trickle, sizes.window(), "solo:");
            current.set(alone);
            alone.fire(client, pairs, Duration.ofSeconds(30), sizes.connections());
            long heapBefore = heapAfterGc();
            long rssBefore = ProcessFacts.residentBytes();
            int serverSocketsBefore = openSockets(server);

            System.out.println("sockets: opening " + sockets + " in " + Math.max(1, ceilDiv(sockets, perProcess))
                    + " holder process(es)");
            long rampStart = System.nanoTime();
            List<HolderProcess> holders = new ArrayList<>();
            try {
                for (int p = 0; p * perProcess < sockets; p++) {
                    List<Long> slice = ids.subList(p * perProcess, Math.min(sockets, (p + 1) * perProcess));
                    holders.add(HolderProcess.start("127.0.0.1", server.base().getPort(), slice, holders.size(),
                            handshakes, server.jwtSecret(), work));
                }
                for (HolderProcess holder : holders) {
                    if (!holder.awaitReady(600)) {
                        System.out.println("a holder did not get ready: " + holder.lastLine());
                    }
                }
                double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
                double handshakeSeconds = holders.stream().mapToLong(HolderProcess::readyMillis).max().orElse(0) / 1e3;
                int held = server.inProcess().isPresent() ? openSockets(server) - serverSocketsBefore
                        : holdersOpen(holders);
                int filesHeld = ProcessFacts.openFiles();

                int settle = flags.integer("settle", 3);
                System.out.println("sockets: " + held + " held; " + settle + " s to settle, then trickle at " + trickle
                        + "/s");
                // The last handshakes' deferred work (presence, start-up frames) finishes before the measurement.
                Thread.sleep(settle * 1000L);
                // Read before the trickle: the full GC also moves the ramp's socket objects, all just allocated,
                // out of the young generation, as minutes would on a server whose sockets opened over time; left
                // there, the first young collections of the trickle copy them (pauses of 0.27-0.46 s were seen).
                long heapAfter = heapAfterGc();
                long rssAfter = ProcessFacts.residentBytes();
                DeliveryLatency.Run measured = new DeliveryLatency.Run(trickle, sizes.window(), "trk:");
                current.set(measured);
                measured.fire(client, pairs, Duration.ofSeconds(30), sizes.connections());

                int heldAfter = server.inProcess().isPresent() ? openSockets(server) - serverSocketsBefore
                        : holdersOpen(holders);
                List<String> stats = new ArrayList<>();
                for (HolderProcess holder : holders) {
                    stats.add(holder.stats());
                }
                return markdown(new Figures3(asked, capped, sockets, held, heldAfter, holders.size(), perProcess,
                                provisionSeconds, rampSeconds, handshakeSeconds, heapBefore, heapAfter, rssBefore, rssAfter,
                                filesBefore, filesHeld, limit, stats, trickle, probePairs, alone, measured),
                        baseline, loadBefore, server.inProcess().isPresent());
            } finally {
                holders.forEach(HolderProcess::close);
            }
        } finally {
            try (var files = Files.list(work)) {
                files.forEach(file -> file.toFile().delete());
            }
            Files.deleteIfExists(work);
        }
    }

    private record Figures3(String asked, String capped, int sockets, int held, int heldAfter, int processes,
                            int perProcess, double provisionSeconds, double rampSeconds, double handshakeSeconds,
                            long heapBefore,
                            long heapAfter, long rssBefore, long rssAfter, int filesBefore, int filesHeld,
                            long[] limit, List<String> holderStats, int trickle, int probePairs,
                            DeliveryLatency.Run withoutSockets, DeliveryLatency.Run trickleRun) {
    }

    private String markdown(Figures3 f, BaselineFigures baseline, double loadBefore, boolean inProcess) {
        Histogram delivered = f.trickleRun().delivered;
        double p99 = Figures.p99(delivered);
        double perSocket = f.held() > 0 ? (double) (f.heapAfter() - f.heapBefore()) / f.held() : Double.NaN;
        double rssPerSocket = f.held() > 0 ? (double) (f.rssAfter() - f.rssBefore()) / f.held() : Double.NaN;
        long holderOpen = HolderProcess.total(f.holderStats(), "open");
        long holderFailed = HolderProcess.total(f.holderStats(), "failed");
        long holderClosed = HolderProcess.total(f.holderStats(), "closed");
        long holderRetried = HolderProcess.total(f.holderStats(), "retried");
        long holderPings = HolderProcess.total(f.holderStats(), "pings");
        long perProcessMax = f.limit()[1] - f.filesBefore() - SPARE_FILES;
        StringBuilder out = new StringBuilder();
        out.append("## 3. sockets — idle sockets held, heap per socket, delivery at that size\n\n");
        out.append("`./bench sockets --sockets ").append(f.asked()).append(" --per-process ").append(f.perProcess())
                .append(" --trickle ").append(f.trickle()).append(" --probe-pairs ").append(f.probePairs())
                .append(" --settle ").append(flags.integer("settle", 3))
                .append(" --warmup ").append(sizes.warmupSeconds()).append(" --duration ").append(sizes.seconds())
                .append("` — ").append(Machine.stamp()).append(", load average ")
                .append(Figures.load(loadBefore, LoadAverage.now())).append("\n\n");
        out.append(Figures.count(f.sockets())).append(" accounts provisioned through the admin API (")
                .append(String.format("%.1f s", f.provisionSeconds())).append("), one idle socket each")
                .append(f.capped()).append(", opened by ").append(f.processes())
                .append(" child JVM(s) (`SocketHolder`, a raw NIO WebSocket client that answers pings), each from "
                        + "four 127.0.0.x source addresses, at most ")
                .append(flags.integer("handshakes", 200)).append(" handshakes at a time; meanwhile ")
                .append(f.probePairs()).append(" probe pairs (receivers on sockets) exchange ")
                .append(f.trickle()).append(" messages/s, measured for ").append(sizes.seconds())
                .append(" s once all sockets are open, have settled for ").append(flags.integer("settle", 3))
                .append(" s and the server's heap was read after a full GC (which also tenures the ramp's socket "
                        + "objects, as time would on a server whose sockets opened over minutes).\n\n");
        out.append("| figure | value |\n|---|---|\n");
        out.append("| sockets held by the server (its live-session count, probes excluded) | **")
                .append(Figures.count(f.held())).append("** (").append(Figures.count(f.heldAfter()))
                .append(" after the trickle) |\n");
        out.append("| the holders' view | open ").append(Figures.count(holderOpen)).append(", failed ")
                .append(holderFailed).append(", closed by the server ").append(holderClosed)
                .append(", opened again after a 1013 ").append(holderRetried).append(", pings answered ")
                .append(holderPings).append(" |\n");
        out.append("| ramp: handshakes, first to last (slowest holder) | ")
                .append(String.format("%.1f s", f.handshakeSeconds())).append(" (")
                .append(Figures.rate(f.held() / Math.max(0.001, f.handshakeSeconds())))
                .append("); with the holders' JVM start ").append(String.format("%.1f s", f.rampSeconds()))
                .append(" |\n");
        if (inProcess) {
            out.append("| heap after full GC, before → with the sockets | ").append(Figures.bytes(f.heapBefore()))
                    .append(" → ").append(Figures.bytes(f.heapAfter())).append(" |\n");
            out.append("| **heap per socket** | **").append(Figures.bytes(perSocket)).append("** |\n");
            out.append("| heap projected for 100,000 sockets | ").append(Figures.bytes(perSocket * TARGET_SOCKETS))
                    .append(" |\n");
            out.append("| resident memory per socket (RSS growth / sockets) | ").append(Figures.bytes(rssPerSocket))
                    .append(" |\n");
        }
        out.append("| open files of the server's process, before → with the sockets | ")
                .append(Figures.count(f.filesBefore())).append(" → ").append(Figures.count(f.filesHeld()))
                .append(" (limit ").append(Figures.count(f.limit()[0])).append(" soft / ")
                .append(Figures.count(f.limit()[1])).append(" hard) |\n");
        out.append("| **p99 delivery at this size** (trickle, from due time) | **").append(Figures.percentile(delivered, 99))
                .append("** — ").append(Figures.spread(delivered)).append("; ")
                .append(Figures.count(f.trickleRun().arrivals.sum())).append(" of ")
                .append(Figures.count(f.trickleRun().loop.count())).append(" delivered |\n");
        Histogram alone = f.withoutSockets().delivered;
        out.append("| the same trickle before the idle sockets opened | ").append(Figures.spread(alone))
                .append("; p99 ratio with / without them: ")
                .append(Figures.ratio(p99, Figures.p99(alone)))
                .append(" |\n");
        out.append("| baseline: no-op POST at the same rate, p99 / ratio | ")
                .append(Figures.percentile(baseline.postAtTrickle(), 99)).append(" / **")
                .append(Figures.ratio(p99, baseline.postAtTrickle().getValueAtPercentile(99))).append("** |\n\n");
        out.append("Holders: ").append(String.join("; ", f.holderStats())).append(".\n\n");
        out.append("Targets: 100,000 sockets — **missed on one process here, by the machine's limit**: every process "
                + "may hold at most ").append(Figures.count(f.limit()[1])).append(" open files (hard limit, see the "
                + "machine section), and the server's process already uses ").append(Figures.count(f.filesBefore()))
                .append(" for the JVM, its jars, the database and the probes, so one server process tops out near ")
                .append(Figures.count(perProcessMax)).append(" sockets; 100,000 needs at least ")
                .append(perProcessMax > 0 ? ceilDiv(TARGET_SOCKETS, perProcessMax) : "?")
                .append(" server processes (nodes sharing events through Redis) or a host whose limit can be raised ("
                        + "`ulimit -n` / systemd `LimitNOFILE`, and the same for the load clients). ");
        if (inProcess) {
            out.append("Heap ≤ 25 KB per socket (≤ 2.5 GB for 100,000): **")
                    .append(Figures.verdict(perSocket <= TARGET_BYTES_PER_SOCKET)).append("** (")
                    .append(Figures.bytes(perSocket)).append("). ");
        }
        out.append("p99 ≤ 50 ms at this size: **").append(Figures.verdict(p99 <= TARGET_P99_MICROS)).append("**.\n\n");
        return out.toString();
    }

    private static int openSockets(ServerUnderTest server) {
        return server.inProcess().map(ChatServer::chat).map(chat -> chat.liveSessions().openSockets()).orElse(0);
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static int ceilDiv(long a, long b) {
        return (int) ((a + b - 1) / b);
    }

    private static int holdersOpen(List<HolderProcess> holders) throws IOException, InterruptedException {
        int open = 0;
        for (HolderProcess holder : holders) {
            open += (int) HolderProcess.field(holder.stats(), "open");
        }
        return open;
    }
}
