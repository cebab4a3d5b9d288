package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Figures, not assertions (run with {@code -Dfriendchat.measure=true}): send throughput and
 * POST-to-socket latency with each sender on one node and its receiver's socket on another
 * of three, beside the same loop on a single node, both on the local PostgreSQL.
 */
@EnabledIfSystemProperty(named = "friendchat.measure", matches = "true")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterSendFiguresTest {

    private static final int PAIRS = 6;
    private static final long WARM_UP_MILLIS = 5_000;
    private static final long MEASURED_MILLIS = 15_000;

    @Test
    void sendThroughputAndDeliveryLatencyOnOneNodeAndAcrossThree() throws Exception {
        // One node before and after the three, as this JVM warms up during the first measurement.
        String singleFirst = measureOneNode();
        String three;
        try (ThreeNodes nodes = ThreeNodes.start(Map.of("CHAT_RATE_LIMIT", "0"))) {
            three = measure(nodes.nodes());
        }
        String singleAgain = measureOneNode();
        System.out.printf("%d pairs, closed loop, %d s measured after %d s warm-up, load average %.2f at the end%n"
                        + "  one node (first):  %s%n"
                        + "  three nodes, each sender and its receiver on different nodes: %s%n"
                        + "  one node (again):  %s%n",
                PAIRS, MEASURED_MILLIS / 1000, WARM_UP_MILLIS / 1000,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), singleFirst, three, singleAgain);
    }

    private static String measureOneNode() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip();
             RunningServer node = RunningServer.start(schema.serverSettings(Map.of("CHAT_RATE_LIMIT", "0")))) {
            return measure(List.of(node));
        }
    }

    /** Each sender posts back to back through node i, its receiver listens on node i + 1; returns the figures. */
    private static String measure(List<RunningServer> nodes) throws Exception {
        List<String> senders = new ArrayList<>();
        List<TimedSocket> receivers = new ArrayList<>();
        RunningServer admin = nodes.get(0);
        for (int i = 0; i < PAIRS; i++) {
            long sender = admin.createAccount("s" + i, "Sender " + i);
            long receiver = admin.createAccount("r" + i, "Receiver " + i);
            admin.befriend("s" + i, "r" + i);
            senders.add(admin.token(sender));
            receivers.add(TimedSocket.connect(nodes.get((i + 1) % nodes.size()), admin.token(receiver)));
        }
        ConcurrentHashMap<Long, Long> sentAt = new ConcurrentHashMap<>();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        long[] acknowledged = new long[PAIRS];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            int pair = i;
            RunningServer through = nodes.get(i % nodes.size());
            Thread thread = new Thread(() -> {
                for (int n = 0; running.get(); n++) {
                    long start = System.nanoTime();
                    RunningServer.Answer answer = through.sendMessage(senders.get(pair), "r" + pair, "m" + n, null);
                    if (answer.status() == 200 && measuring.get()) {
                        sentAt.put(answer.body().get("id").asLong(), start);
                        acknowledged[pair]++;
                    }
                }
            }, "sender-" + i);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(WARM_UP_MILLIS);
        measuring.set(true);
        Thread.sleep(MEASURED_MILLIS);
        measuring.set(false);
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        Thread.sleep(2_000);
        List<Long> latencies = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<Long, Long> sent : sentAt.entrySet()) {
            Long arrived = receivers.stream().map(socket -> socket.arrivals.get(sent.getKey()))
                    .filter(time -> time != null).findFirst().orElse(null);
            if (arrived == null) {
                missing++;
            } else {
                latencies.add(arrived - sent.getValue());
            }
        }
        for (TimedSocket socket : receivers) {
            socket.close();
        }
        latencies.sort(null);
        long total = 0;
        for (long count : acknowledged) {
            total += count;
        }
        return String.format("%.0f sends/s, POST->socket p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d sends, %d not "
                        + "heard)", total * 1000.0 / MEASURED_MILLIS, millis(latencies, 0.50), millis(latencies, 0.99),
                millis(latencies, 1.0), total, missing);
    }

    private static double millis(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    /** A receiver's socket that notes when each NEW_MESSAGE arrived, by message id. */
    static final class TimedSocket extends Endpoint implements AutoCloseable {

        final ConcurrentHashMap<Long, Long> arrivals = new ConcurrentHashMap<>();
        private Session session;

        static TimedSocket connect(RunningServer node, String token) throws Exception {
            TimedSocket socket = new TimedSocket();
            ClientManager.createClient().connectToServer(socket, ClientEndpointConfig.Builder.create().build(),
                    node.socketUri(token, ""));
            return socket;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            this.session = session;
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                long now = System.nanoTime();
                JsonNode frame = RunningServer.json(text);
                if (frame.path("case").asText().equals("NEW_MESSAGE")) {
                    arrivals.put(frame.get("id").asLong(), now);
                }
            });
        }

        @Override
        public void close() throws Exception {
            if (session != null && session.isOpen()) {
                session.close();
            }
        }
    }
}
