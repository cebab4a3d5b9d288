package io.friendchat.bench.scenario;

import io.friendchat.adapter.persistence.ChatDatabase;
import io.friendchat.adapter.persistence.DatabaseSettings;
import io.friendchat.bench.Flags;
import io.friendchat.bench.LoadAverage;
import io.friendchat.bench.Machine;
import io.friendchat.bench.ProcessFacts;
import io.friendchat.bench.client.ChatClient;
import io.friendchat.bench.client.FriendPairs;
import io.friendchat.bench.client.Provisioning;
import io.friendchat.bench.client.ServerUnderTest;
import io.friendchat.bench.cluster.ClusterServices;
import io.friendchat.bench.cluster.NodeProcess;
import io.friendchat.bench.cluster.PostgresSchema;
import io.friendchat.bench.cluster.RedisProcess;
import io.friendchat.bench.report.Figures;
import io.friendchat.domain.directory.AccountDraft;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Scenario 3b, sockets across nodes: issue 8's 100,000 idle sockets, which one process cannot hold here (its
 * open-file limit is 20,000 and cannot be raised), spread over several nodes, each the real jar in a process of its
 * own, sharing PostgreSQL and a redis-server of the run's own; sockets held, heap after GC (every node's, and per
 * socket), and p99 delivery of a trickle between probe pairs whose messages cross Redis, at that size.
 */
public final class IdleSocketsAcrossNodes {

    /** Issue 8's "heap under 2.5 GB" for the 100,000 sockets (the other targets are {@link IdleSockets}'). */
    private static final double TARGET_HEAP_BYTES = 2.5 * 1024 * 1024 * 1024;
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final String LOGS = "chat-bench/target/sockets-nodes";

    private final Flags flags;
    private final Sizes sizes;
    private final int nodeCount;
    private final int sockets;
    private final int perProcess;
    private final int handshakes;
    private final int probePairs;
    private final int trickle;
    private final int settle;
    private final int warmupSeconds;
    /**
     * The nodes' JVM flags, comma-separated on the command line (it cannot carry spaces). Only the quick JIT compiler
     * by default: six JVMs' C2 compilers on two cores took most of the CPU for minutes, and cross-node delivery at
     * 100 messages/s read p50 55-64 ms with them against 7-8 ms without (600 idle sockets, 60 s of warm-up).
     */
    private final String nodeJvm;
    private final Path jar;
    private final ClusterServices services;
    private final String jwtSecret = ServerUnderTest.newSecret(32);
    private final String adminToken = ServerUnderTest.newSecret(16);

    public IdleSocketsAcrossNodes(Flags flags) {
        this.flags = flags;
        this.sizes = Sizes.from(flags);
        this.nodeCount = Math.max(1, flags.integer("nodes", 6));
        this.sockets = flags.integer("node-sockets", 100_000);
        this.perProcess = flags.integer("per-process", 9_500);
        this.handshakes = flags.integer("handshakes", 200);
        this.probePairs = flags.integer("probe-pairs", 10);
        this.trickle = flags.integer("trickle", 100);
        this.settle = flags.integer("settle", 3);
        this.warmupSeconds = flags.integer("node-warmup", 20);
        this.nodeJvm = flags.text("node-jvm", "-Xms1g,-Xmx1g,-XX:+UseG1GC,-XX:TieredStopAtLevel=1");
        this.jar = Path.of(flags.text("jar", "chat-bootstrap/target/chat-server.jar"));
        this.services = ClusterServices.from(flags);
    }

    /** One node read at one moment: its own socket count, heap after full GCs, resident memory, open files. */
    private record Reading(long sockets, long heap, long resident, int files) {

        static Reading of(NodeProcess node) throws IOException, InterruptedException {
            return new Reading(node.socketsOpen(), node.heapAfterGc(), node.residentBytes(), node.openFiles());
        }
    }

    /** What one node held once the sockets were open (probes excluded), and what they cost it. */
    private record NodeFigures(long sockets, long socketsAfterTrickle, Reading before, Reading with) {

        double heapPerSocket() {
            return sockets > 0 ? (double) (with.heap() - before.heap()) / sockets : Double.NaN;
        }
    }

    /** The section, or null (and one line printed) when PostgreSQL, redis-server or the jar is missing. */
    public String run(BaselineFigures baseline) throws Exception {
        Optional<String> missing = missing();
        if (missing.isPresent()) {
            System.out.println("sockets-nodes: skipped — " + missing.get());
            return null;
        }
        double loadBefore = LoadAverage.now();
        Path work = Files.createTempDirectory("friendchat-bench-nodes-");
        List<NodeProcess> nodes = new ArrayList<>();
        List<ChatClient> clients = new ArrayList<>();
        List<HolderProcess> holders = new ArrayList<>();
        AtomicReference<DeliveryLatency.Run> current = new AtomicReference<>();
        Path redisBinary = services.redisBinary();
        try (PostgresSchema schema = services.newSchema();
             RedisProcess redis = RedisProcess.start(redisBinary)) {
            try {
                Map<String, String> settings = settings(schema, redis);
                for (int i = 0; i < nodeCount; i++) {
                    // One after the other: the first one migrates the schema.
                    System.out.println("sockets-nodes: starting node " + (i + 1) + " of " + nodeCount);
                    nodes.add(NodeProcess.start(jar, List.of(nodeJvm.split(",")), settings,
                            work.resolve("node-" + i + ".log")));
                    clients.add(new ChatClient(nodes.get(i).base(), jwtSecret));
                }
                ChatClient first = clients.get(0);
                try (FriendPairs pairs = FriendPairs.provision(first, new Provisioning(first, adminToken), "trk",
                        probePairs, pair -> clients.get((pair + 1) % nodeCount),
                        (text, arrived) -> current.get().arrived(text, arrived))) {
                    System.out.println("sockets-nodes: bulk-loading " + sockets + " accounts");
                    long provisionStart = System.nanoTime();
                    List<List<Long>> idsByNode = provision(schema);
                    double provisionSeconds = (System.nanoTime() - provisionStart) / 1e9;

                    // Young JVMs: the send path across nodes is compiled before the trickle is measured.
                    System.out.println("sockets-nodes: " + warmupSeconds + " s of messages at " + 2 * trickle
                            + "/s to warm the nodes");
                    trickle(clients, pairs, 2 * trickle, Duration.ofSeconds(warmupSeconds), "warm:", current);
                    System.out.println("sockets-nodes: trickle at " + trickle + "/s before the idle sockets open");
                    DeliveryLatency.Run alone = trickle(clients, pairs, trickle, sizes.window(), "solo:", current);
                    List<Reading> before = new ArrayList<>();
                    for (NodeProcess node : nodes) {
                        before.add(Reading.of(node));
                    }

                    long rampStart = System.nanoTime();
                    for (int n = 0; n < nodeCount; n++) {
                        List<Long> ids = idsByNode.get(n);
                        for (int from = 0; from < ids.size(); from += perProcess) {
                            holders.add(HolderProcess.start("127.0.0.1", nodes.get(n).base().getPort(),
                                    ids.subList(from, Math.min(ids.size(), from + perProcess)), holders.size(),
                                    handshakes, jwtSecret, work));
                        }
                    }
                    System.out.println("sockets-nodes: opening " + sockets + " from " + holders.size()
                            + " holder processes");
                    for (HolderProcess holder : holders) {
                        if (!holder.awaitReady(900)) {
                            System.out.println("a holder did not get ready: " + holder.lastLine());
                        }
                    }
                    double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
                    double handshakeSeconds = holders.stream().mapToLong(HolderProcess::readyMillis).max()
                            .orElse(0) / 1e3;
                    System.out.println("sockets-nodes: " + settle + " s to settle, then the heaps and a trickle at "
                            + trickle + "/s");
                    Thread.sleep(settle * 1000L);
                    List<Reading> with = new ArrayList<>();
                    for (NodeProcess node : nodes) {
                        with.add(Reading.of(node));
                    }
                    DeliveryLatency.Run measured = trickle(clients, pairs, trickle, sizes.window(), "trk:", current);

                    List<NodeFigures> figures = new ArrayList<>();
                    for (int n = 0; n < nodeCount; n++) {
                        // The probes' receivers hold one socket on each of some nodes: they are not idle sockets.
                        long probes = probesOn(n);
                        figures.add(new NodeFigures(with.get(n).sockets() - probes,
                                nodes.get(n).socketsOpen() - probes, before.get(n), with.get(n)));
                    }
                    List<String> stats = new ArrayList<>();
                    for (HolderProcess holder : holders) {
                        stats.add(holder.stats());
                    }
                    return markdown(figures, stats, provisionSeconds, rampSeconds, handshakeSeconds, alone, measured,
                            pairs.socketsClosed(), baseline, schema.name(), RedisProcess.version(redisBinary),
                            loadBefore);
                } catch (Exception e) {
                    for (NodeProcess node : nodes) {
                        System.out.println("node " + node.base() + ", its last lines:\n" + node.tail(20));
                    }
                    throw e;
                }
            } finally {
                // Before the schema and Redis go: a node stopping still ends its sockets' sessions there.
                holders.forEach(HolderProcess::close);
                clients.forEach(ChatClient::close);
                nodes.forEach(NodeProcess::close);
            }
        } finally {
            keepNodeLogs(work);
            try (var files = Files.list(work)) {
                files.forEach(file -> file.toFile().delete());
            }
            Files.deleteIfExists(work);
        }
    }

    /** The nodes' own logs, kept for a look after the run in {@value #LOGS} (in place of the last run's). */
    private static void keepNodeLogs(Path work) throws IOException {
        Path logs = Files.createDirectories(Path.of(LOGS));
        try (var earlier = Files.list(logs)) {
            for (Path file : earlier.toList()) {
                Files.delete(file);
            }
        }
        try (var files = Files.list(work)) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("node-")).toList()) {
                Files.copy(file, logs.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private Optional<String> missing() {
        if (flags.has("target")) {
            return Optional.of("this scenario starts its own nodes (run it without --target)");
        }
        if (!Files.isRegularFile(jar)) {
            return Optional.of(jar + " is missing (build it with `./mvnw -B -q -DskipTests install`; `./bench` does)");
        }
        return services.missing();
    }

    private Map<String, String> settings(PostgresSchema schema, RedisProcess redis) {
        Map<String, String> settings = new HashMap<>();
        settings.put("CHAT_HOST", "127.0.0.1");
        settings.put("CHAT_PORT", "0");
        settings.put("CHAT_DB_URL", schema.url());
        settings.put("CHAT_DB_USER", schema.user());
        settings.put("CHAT_REDIS_URL", redis.url());
        settings.put("CHAT_JWT_SECRET", jwtSecret);
        settings.put("CHAT_ADMIN_TOKEN", adminToken);
        settings.put("CHAT_RATE_LIMIT", flags.text("rate-limit", "0"));
        // 100,000 handshakes would be 100,000 access lines on these cores.
        settings.put("CHAT_ACCESS_LOG", "false");
        return settings;
    }

    /**
     * The idle accounts, through the store's bulk path (the admin API took ~9 ms each here, so 100,000 would take
     * most of the run); grouped into an equal share per node.
     */
    private List<List<Long>> provision(PostgresSchema schema) {
        String tag = "idle-" + FriendPairs.runTag();
        List<AccountDraft> drafts = IntStream.range(0, sockets).mapToObj(i -> new AccountDraft(null, tag + "-" + i,
                tag + "-" + i + "@bench.example", "Bench " + i, null, false)).toList();
        List<Long> ids;
        try (ChatDatabase database = ChatDatabase.open(new DatabaseSettings(schema.url(), schema.user(), "", 2))) {
            ids = database.bulkLoader().insertAccounts(drafts);
        }
        List<List<Long>> shares = new ArrayList<>();
        for (int n = 0; n < nodeCount; n++) {
            int from = (int) ((long) sockets * n / nodeCount);
            int to = (int) ((long) sockets * (n + 1) / nodeCount);
            shares.add(ids.subList(from, to));
        }
        return shares;
    }

    /** Pair i's sender posts through node i, its receiver's socket is on node i + 1: every message crosses Redis. */
    private DeliveryLatency.Run trickle(List<ChatClient> clients, FriendPairs pairs, int rate, Duration duration,
                                        String tag, AtomicReference<DeliveryLatency.Run> current)
            throws InterruptedException {
        DeliveryLatency.Run run = new DeliveryLatency.Run(rate, duration, tag);
        current.set(run);
        run.fire(clients.get(0), pairs.size(), (pair, text) -> clients.get(pair % nodeCount).sendMessage(
                pairs.senderToken(pair), pairs.receiverName(pair), text), DRAIN, sizes.connections());
        return run;
    }

    private String markdown(List<NodeFigures> nodes, List<String> holderStats, double provisionSeconds,
                            double rampSeconds, double handshakeSeconds, DeliveryLatency.Run alone,
                            DeliveryLatency.Run measured, long probeSocketsClosed, BaselineFigures baseline,
                            String schema, String redisVersion, double loadBefore) {
        long held = nodes.stream().mapToLong(NodeFigures::sockets).sum();
        long heldAfter = nodes.stream().mapToLong(NodeFigures::socketsAfterTrickle).sum();
        long heapBefore = nodes.stream().mapToLong(node -> node.before().heap()).sum();
        long heapAfter = nodes.stream().mapToLong(node -> node.with().heap()).sum();
        long rssGrowth = nodes.stream().mapToLong(node -> node.with().resident() - node.before().resident()).sum();
        double perSocket = held > 0 ? (double) (heapAfter - heapBefore) / held : Double.NaN;
        long[] limit = ProcessFacts.openFileLimit();
        Histogram delivered = measured.delivered;
        double p99 = Figures.p99(delivered);
        Histogram before = alone.delivered;
        double p99Before = Figures.p99(before);
        long holderOpen = HolderProcess.total(holderStats, "open");
        long holderFailed = HolderProcess.total(holderStats, "failed");
        long holderClosed = HolderProcess.total(holderStats, "closed");
        long holderRetried = HolderProcess.total(holderStats, "retried");

        StringBuilder out = new StringBuilder();
        out.append("## 3b. sockets across nodes — issue 8's 100,000 idle sockets, one process per node\n\n");
        out.append("`./bench sockets-nodes --nodes ").append(nodeCount).append(" --node-sockets ").append(sockets)
                .append(" --node-jvm ").append(nodeJvm).append(" --per-process ").append(perProcess)
                .append(" --trickle ").append(trickle).append(" --probe-pairs ").append(probePairs)
                .append(" --settle ").append(settle).append(" --node-warmup ").append(warmupSeconds)
                .append(" --duration ").append(sizes.seconds()).append("` — ").append(Machine.stamp())
                .append(", load average ").append(Figures.load(loadBefore, LoadAverage.now())).append("\n\n");
        out.append("One process holds at most ").append(Figures.count(limit[1])).append(" open files here (section 3), "
                        + "so the sockets are spread over ").append(nodeCount).append(" nodes: each the real jar (`")
                .append(jar.getFileName()).append("`) in a JVM of its own (`").append(nodeJvm.replace(',', ' '))
                .append("`), all on one fresh schema of the local PostgreSQL (`")
                .append(schema).append("`, dropped after) and a `redis-server` of the run's own (")
                .append(redisVersion).append("), as a cluster runs. ").append(Figures.count(sockets))
                .append(" accounts loaded through the store's bulk path (`ChatDatabase.bulkLoader()`, ")
                .append(String.format("%.1f s", provisionSeconds)).append("), an equal share for each node, opened by ")
                .append("child JVMs (`SocketHolder`, at most ").append(Figures.count(perProcess))
                .append(" sockets each, four 127.0.0.x source addresses each, at most ").append(handshakes)
                .append(" handshakes at a time, opening a socket again a second after the server closes it with "
                        + "1013, as clients are told to). Meanwhile ").append(probePairs).append(" probe pairs exchange ")
                .append(trickle).append(" messages/s, pair *i*'s sender posting through node *i* and its "
                        + "receiver's socket on node *i* + 1, so every message crosses Redis; after ")
                .append(warmupSeconds).append(" s at twice that rate to warm the nodes, measured for ")
                .append(sizes.seconds()).append(" s before the idle sockets open and again once they are open, "
                        + "have settled for ").append(settle).append(" s and every node's heap was read after full "
                        + "collections (`jcmd GC.run`, `GC.heap_info`). Every node, holder, PostgreSQL and Redis "
                        + "share this machine's 2 cores.\n\n");
        out.append("| node | idle sockets held (its own count, probes excluded) | heap after full GC, before → with "
                + "the sockets | heap per socket | resident memory growth | open files, before → with |\n"
                + "|---|---|---|---|---|---|\n");
        for (int n = 0; n < nodes.size(); n++) {
            NodeFigures node = nodes.get(n);
            out.append("| ").append(n + 1).append(" | ").append(Figures.count(node.sockets())).append(" | ")
                    .append(Figures.bytes(node.before().heap())).append(" → ").append(Figures.bytes(node.with().heap()))
                    .append(" | ").append(Figures.bytes(node.heapPerSocket())).append(" | ")
                    .append(Figures.bytes(node.with().resident() - node.before().resident())).append(" | ")
                    .append(Figures.count(node.before().files())).append(" → ")
                    .append(Figures.count(node.with().files()))
                    .append(" |\n");
        }
        out.append("| **all nodes** | **").append(Figures.count(held)).append("** (").append(Figures.count(heldAfter))
                .append(" after the trickle) | ").append(Figures.bytes(heapBefore)).append(" → **")
                .append(Figures.bytes(heapAfter)).append("** | **").append(Figures.bytes(perSocket)).append("** | ")
                .append(Figures.bytes(rssGrowth)).append(" | |\n\n");
        out.append("| figure | value |\n|---|---|\n");
        out.append("| the holders' view | open ").append(Figures.count(holderOpen)).append(", failed ")
                .append(holderFailed).append(", closed by the server ").append(holderClosed)
                .append(", opened again after a 1013 (try again later) ").append(holderRetried).append(" (")
                .append(holderStats.size()).append(" holders) |\n");
        out.append("| ramp: handshakes, first to last (slowest holder) | ")
                .append(String.format("%.1f s", handshakeSeconds)).append(" (")
                .append(Figures.rate(held / Math.max(0.001, handshakeSeconds)))
                .append("); with the holders' JVM start ").append(String.format("%.1f s", rampSeconds)).append(" |\n");
        out.append("| **p99 delivery at this size** (trickle across nodes, from due time) | **")
                .append(Figures.percentile(delivered, 99)).append("** — ").append(Figures.spread(delivered))
                .append("; ").append(Figures.count(measured.arrivals.sum())).append(" of ")
                .append(Figures.count(measured.loop.count())).append(" delivered")
                .append(measured.failures.sum() == 0 ? "" : ", " + measured.failures.sum() + " failed sends")
                .append(probeSocketsClosed == 0 ? "" : ", " + probeSocketsClosed + " probe sockets closed")
                .append(" |\n");
        out.append("| the same trickle before the idle sockets opened | ").append(Figures.spread(before))
                .append("; p99 ratio with / without them: ").append(Figures.ratio(p99, p99Before)).append(" |\n");
        out.append("| baseline: no-op POST at the same rate (one in-process server), p99 / ratio | ")
                .append(Figures.percentile(baseline.postAtTrickle(), 99)).append(" / **")
                .append(Figures.ratio(p99, baseline.postAtTrickle().getValueAtPercentile(99))).append("** |\n\n");
        out.append("Holders: ").append(String.join("; ", holderStats)).append(".\n\n");
        out.append("Targets, across ").append(nodeCount).append(" nodes: ")
                .append(Figures.count(IdleSockets.TARGET_SOCKETS))
                .append(" sockets held **").append(Figures.verdict(held >= IdleSockets.TARGET_SOCKETS)).append("** (")
                .append(Figures.count(held)).append("); heap ≤ 25 KiB per socket **")
                .append(Figures.verdict(perSocket <= IdleSockets.TARGET_BYTES_PER_SOCKET)).append("** (")
                .append(Figures.bytes(perSocket)).append(") and under 2.5 GiB in all **")
                .append(Figures.verdict(heapAfter <= TARGET_HEAP_BYTES)).append("** (")
                .append(Figures.bytes(heapAfter)).append(", every node's whole heap); p99 ≤ 50 ms at that size **")
                .append(Figures.verdict(p99 <= IdleSockets.TARGET_P99_MICROS)).append("**.\n");
        return out.toString();
    }

    private long probesOn(int node) {
        return IntStream.range(0, probePairs).filter(pair -> (pair + 1) % nodeCount == node).count();
    }
}
