package io.friendchat.bench.scenario;

import io.friendchat.bench.Flags;
import io.friendchat.bench.LoadAverage;
import io.friendchat.bench.Machine;
import io.friendchat.bench.client.ChatClient;
import io.friendchat.bench.client.ClosedLoop;
import io.friendchat.bench.client.FriendPairs;
import io.friendchat.bench.client.Provisioning;
import io.friendchat.bench.client.ServerUnderTest;
import io.friendchat.bench.cluster.ClusterServices;
import io.friendchat.bench.cluster.PostgresSchema;
import io.friendchat.bench.cluster.RedisProcess;
import io.friendchat.bench.report.Figures;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenario 8, cluster: send throughput and POST→socket latency with three real
 * nodes in this JVM on one PostgreSQL schema, sharing events through a
 * redis-server of the run's own, each sender posting through node i while its
 * receiver's socket is on node i + 1; beside it, the same measurements on one
 * node (no Redis) on the same PostgreSQL, before and after the three.
 */
public final class ClusterSend {

    private static final int NODES = 3;
    private static final int MAX_DEFAULT_RATE = 200;
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final Flags flags;
    private final Sizes sizes;
    private final ClusterServices services;
    private final String jwtSecret = ServerUnderTest.newSecret(32);
    private final String adminToken = ServerUnderTest.newSecret(16);
    /** Messages per second of the open loops: {@code --cluster-rate}, else set by the first closed loop. */
    private int rate;

    public ClusterSend(Flags flags) {
        this.flags = flags;
        this.sizes = Sizes.from(flags);
        this.services = ClusterServices.from(flags);
        this.rate = flags.integer("cluster-rate", 0);
    }

    /** One set-up measured: the closed loop with its counts, then the open loop at the fixed rate. */
    private record Measurement(String name, ClosedLoop.Result closed, long stored, long pushed, long pushedInWindow,
                               DeliveryLatency.Run latency, long socketsClosed) {

        boolean countsAgree() {
            return closed.okTotal() == pushed && stored == closed.okTotal();
        }

        double p99() {
            return Figures.p99(latency.delivered);
        }
    }

    /** The section, or null (and one line printed) when PostgreSQL or redis-server is missing. */
    public String run(BaselineFigures baseline) throws Exception {
        Optional<String> missing = missing();
        if (missing.isPresent()) {
            System.out.println("cluster: skipped — " + missing.get());
            return null;
        }
        Path redisBinary = services.redisBinary();
        double loadBefore = LoadAverage.now();
        String singleSchema;
        Measurement first;
        try (PostgresSchema schema = services.newSchema()) {
            singleSchema = schema.name();
            System.out.println("cluster: one node on PostgreSQL schema " + schema.name());
            try (ServerUnderTest node = ServerUnderTest.startNode(flags, database(schema), jwtSecret, adminToken)) {
                first = measure("one node", List.of(node), "one");
            }
            Measurement three;
            String clusterSchema;
            String redisUrl;
            try (PostgresSchema shared = services.newSchema();
                 RedisProcess redis = RedisProcess.start(redisBinary)) {
                clusterSchema = shared.name();
                redisUrl = redis.url();
                System.out.println("cluster: " + NODES + " nodes on schema " + shared.name() + ", Redis "
                        + redis.url());
                Map<String, String> settings = database(shared);
                settings.put("CHAT_REDIS_URL", redis.url());
                List<ServerUnderTest> nodes = new ArrayList<>();
                try {
                    // One after the other: the first one migrates the schema.
                    for (int i = 0; i < NODES; i++) {
                        nodes.add(ServerUnderTest.startNode(flags, settings, jwtSecret, adminToken));
                    }
                    three = measure(NODES + " nodes, each sender and its receiver on different nodes", nodes,
                            "three");
                } finally {
                    nodes.forEach(ServerUnderTest::close);
                }
            }
            Measurement again;
            try (ServerUnderTest node = ServerUnderTest.startNode(flags, database(schema), jwtSecret, adminToken)) {
                again = measure("one node, again (warmer JVM)", List.of(node), "again");
            }
            return markdown(List.of(first, three, again), singleSchema, clusterSchema, redisUrl,
                    RedisProcess.version(redisBinary), baseline, loadBefore);
        }
    }

    private Optional<String> missing() {
        if (flags.has("target")) {
            return Optional.of("the cluster scenario starts its own nodes in-process (run it without --target)");
        }
        return services.missing();
    }

    private Map<String, String> database(PostgresSchema schema) {
        Map<String, String> settings = new HashMap<>();
        settings.put("CHAT_DB_URL", schema.url());
        settings.put("CHAT_DB_USER", schema.user());
        return settings;
    }

    /**
     * Pair i's sender posts through node i (mod the count), its receiver's socket is on node i + 1: with one
     * node both are on it. The rate is fixed by the first closed loop when {@code --cluster-rate} is not given.
     */
    private Measurement measure(String name, List<ServerUnderTest> nodes, String prefix) throws Exception {
        List<ChatClient> clients = new ArrayList<>();
        for (ServerUnderTest node : nodes) {
            clients.add(new ChatClient(node.base(), node.jwtSecret()));
        }
        int count = nodes.size();
        ChatClient carrier = clients.get(0);
        List<Long> closedArrivals = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<DeliveryLatency.Run> open = new AtomicReference<>();
        try (FriendPairs pairs = FriendPairs.provision(carrier, new Provisioning(carrier, adminToken), prefix,
                sizes.pairs(), pair -> clients.get((pair + 1) % count), (text, arrived) -> {
                    if (text.startsWith("send:")) {
                        closedArrivals.add(arrived);
                    } else if (open.get() != null) {
                        open.get().arrived(text, arrived);
                    }
                })) {
            long storedBefore = nodes.get(0).storedMessages();
            System.out.println("cluster: " + name + ": " + sizes.pairs() + " pairs, closed loop, " + sizes.seconds()
                    + " s");
            ClosedLoop.Result closed = ClosedLoop.run(carrier, sizes.pairs(), sizes.warmup(), sizes.window(),
                    (pair, sequence) -> clients.get(pair % count).sendMessage(pairs.senderToken(pair),
                            pairs.receiverName(pair), "send:" + pair + ":" + sequence));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (closedArrivals.size() < closed.okTotal() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long stored = nodes.get(0).storedMessages() - storedBefore;
            long pushedInWindow;
            synchronized (closedArrivals) {
                pushedInWindow = closedArrivals.stream().filter(arrived -> arrived >= closed.windowStartNanos()
                        && arrived < closed.windowEndNanos()).count();
            }
            if (rate <= 0) {
                rate = defaultRate(closed.okPerSecond());
            }
            System.out.println("cluster: " + name + ": " + rate + " messages/s, open loop, " + sizes.seconds()
                    + " s");
            DeliveryLatency.Run latency = new DeliveryLatency.Run(rate, sizes.window(), "lat:");
            open.set(latency);
            latency.fire(carrier, sizes.pairs(), (pair, text) -> clients.get(pair % count)
                    .sendMessage(pairs.senderToken(pair), pairs.receiverName(pair), text), DRAIN, sizes.connections());
            return new Measurement(name, closed, stored, closedArrivals.size(), pushedInWindow, latency,
                    pairs.socketsClosed());
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    /** Half of what one node took in the closed loop (a rate it sustains), in tens, at most 200/s. */
    static int defaultRate(double closedLoopPerSecond) {
        int half = (int) (closedLoopPerSecond / 2 / 10) * 10;
        return Math.max(10, Math.min(MAX_DEFAULT_RATE, half));
    }

    private String markdown(List<Measurement> runs, String singleSchema, String clusterSchema,
                            String redisUrl, String redisVersion, BaselineFigures baseline, double loadBefore) {
        StringBuilder out = new StringBuilder();
        out.append("## 8. cluster — three nodes on one PostgreSQL, events through Redis\n\n");
        out.append("`./bench cluster ").append(sizes.flags().replaceAll(" --rate \\d+", ""))
                .append(" --cluster-rate ").append(rate).append("` — ").append(Machine.stamp())
                .append(", load average ").append(Figures.load(loadBefore, LoadAverage.now())).append("\n\n");
        out.append("The real standalone server, started in this JVM through the same code as `main`, on the "
                        + "local PostgreSQL (`").append(services.databaseUrl())
                .append("`, a fresh schema per set-up, dropped "
                        + "after: `").append(singleSchema).append("` for one node, `").append(clusterSchema)
                .append("` for three). **Three nodes**: `CHAT_REDIS_URL` set to a `redis-server` the run starts "
                        + "itself (").append(redisVersion).append(", `").append(redisUrl)
                .append("`, `--save \"\" --appendonly no`), each node on its own port; pair *i*'s sender posts "
                        + "through node *i* mod 3 and its receiver's socket is on node *i* + 1, so every message "
                        + "crosses Redis. **One node**: `CHAT_REDIS_URL` unset (single-node mode), measured first "
                        + "and again after the three (the JVM warms up over the run). ")
                .append(sizes.pairs()).append(" friend pairs each; send: closed loop, ")
                .append(sizes.warmupSeconds()).append(" s warm-up then ").append(sizes.seconds())
                .append(" s measured; latency: right after, ").append(Figures.rate(rate))
                .append(" for ").append(sizes.seconds()).append(" s, open model (coordinated omission corrected: "
                        + "each message's latency runs from its due time to its arrival on the receiver's socket). "
                        + "Every node, the clients and Redis share this machine's cores: three nodes here show what "
                        + "the hop through Redis costs, not how a cluster scales.\n\n");
        out.append("| set-up | **sends stored** | pushed to sockets | ratio to the baseline's ")
                .append(Figures.rate(baseline.postPerSecond())).append(" no-op POSTs | counts (200 / rows / pushed) "
                        + "| send service time p50 / p99 |\n|---|---|---|---|---|---|\n");
        for (Measurement run : runs) {
            double perSecond = run.closed().okPerSecond();
            out.append("| ").append(run.name()).append(" | **").append(Figures.rate(perSecond)).append("** | ")
                    .append(Figures.rate(run.pushedInWindow() / (double) sizes.seconds())).append(" | ")
                    .append(Figures.ratio(perSecond, baseline.postPerSecond())).append(" | ")
                    .append(Figures.count(run.closed().okTotal())).append(" / ").append(Figures.count(run.stored()))
                    .append(" / ").append(Figures.count(run.pushed()))
                    .append(run.countsAgree() ? " agree" : " **DISAGREE**")
                    .append(run.closed().failed() == 0 ? "" : "; failures " + run.closed().failures())
                    .append(" | ").append(Figures.percentile(run.closed().serviceMicros(), 50)).append(" / ")
                    .append(Figures.percentile(run.closed().serviceMicros(), 99)).append(" |\n");
        }
        out.append("\n| POST → socket at ").append(Figures.rate(rate))
                .append(" | p50 | p90 | p99 | p99.9 | max | delivered |\n|---|---|---|---|---|---|---|\n");
        for (Measurement run : runs) {
            DeliveryLatency.Run latency = run.latency();
            Histogram h = latency.delivered;
            out.append("| ").append(run.name()).append(" | ").append(Figures.percentile(h, 50)).append(" | ")
                    .append(Figures.percentile(h, 90)).append(" | **").append(Figures.percentile(h, 99))
                    .append("** | ").append(Figures.percentile(h, 99.9)).append(" | ")
                    .append(h.getTotalCount() == 0 ? "–" : Figures.ms(h.getMaxValue())).append(" | ")
                    .append(Figures.count(latency.arrivals.sum())).append(" of ")
                    .append(Figures.count(latency.loop.count()))
                    .append(latency.failures.sum() == 0 ? "" : ", " + latency.failures.sum() + " failed sends")
                    .append(run.socketsClosed() == 0 ? "" : ", " + run.socketsClosed() + " sockets closed")
                    .append(" |\n");
        }
        Measurement first = runs.get(0);
        Measurement three = runs.get(1);
        Measurement again = runs.get(2);
        double singleRate = (first.closed().okPerSecond() + again.closed().okPerSecond()) / 2;
        double singleP99 = (first.p99() + again.p99()) / 2;
        out.append("\nThree nodes against one (the mean of its two runs): sends stored **")
                .append(Figures.ratio(three.closed().okPerSecond(), singleRate)).append("**, p99 delivery **")
                .append(Figures.ratio(three.p99(), singleP99)).append("**. Counts ")
                .append(runs.stream().allMatch(Measurement::countsAgree) ? "agree in every run" : "**DISAGREE**")
                .append(" (every 200 stored once and pushed once; warm-up included).\n");
        return out.toString();
    }
}
