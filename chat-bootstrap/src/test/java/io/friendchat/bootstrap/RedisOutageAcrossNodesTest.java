package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stopped while a friend keeps sending through node C, then started again (empty):
 * sends keep answering 200, the receiver's socket on node C keeps getting every message,
 * health says Redis is down but the node is UP; once Redis is back, cross-node delivery
 * resumes within 5 s, every acknowledged message is stored exactly once, and a client
 * that reconnects with {@code after=} gets every message it missed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisOutageAcrossNodesTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final String REDIS_DOWN = "{\"status\": \"UP\", \"database\": \"UP\", \"redis\": \"DOWN\"}";
    private static final String REDIS_UP = "{\"status\": \"UP\", \"database\": \"UP\", \"redis\": \"UP\"}";

    @Test
    void sendsAndLocalDeliveryOutliveRedisAndNothingIsLostOrDoubled() throws Exception {
        try (ThreeNodes nodes = ThreeNodes.start(Map.of("CHAT_RATE_LIMIT", "0"))) {
            long sender = nodes.a.createAccount("steady", "Steady Sender");
            long reader = nodes.a.createAccount("reader", "Rae Reader");
            nodes.a.befriend("steady", "reader");
            String senderToken = nodes.c.token(sender);
            String readerToken = nodes.a.token(reader);

            try (Heard onA = Heard.on(nodes.a, readerToken, "");
                 Heard onC = Heard.on(nodes.c, readerToken, "");
                 Traffic traffic = Traffic.start(nodes.c, senderToken, "reader")) {
                long lastSeenOnB;
                try (Heard onB = Heard.on(nodes.b, readerToken, "")) {
                    long before = probe(nodes.c, senderToken, traffic);
                    onA.await(WITHIN, "a message from node C on node A", frame -> isMessage(frame, before));
                    onB.await(WITHIN, "a message from node C on node B", frame -> isMessage(frame, before));
                    lastSeenOnB = onB.messageIds().stream().mapToLong(Long::longValue).max().orElseThrow();
                    // The client on node B goes away just before Redis does, and comes back after it.
                }

                nodes.redis.stop();
                for (RunningServer node : nodes.nodes()) {
                    RateLimitAcrossNodesTest.awaitHealth(node, REDIS_DOWN);
                }
                long duringOutage = probe(nodes.c, senderToken, traffic);
                onC.await(WITHIN, "local delivery on node C while Redis is down",
                        frame -> isMessage(frame, duringOutage));
                traffic.awaitMore(10);

                nodes.redis.startAgain();
                long restarted = System.nanoTime();
                awaitCrossNodeDelivery(nodes.c, senderToken, traffic, onA, restarted);
                for (RunningServer node : nodes.nodes()) {
                    RateLimitAcrossNodesTest.awaitHealth(node, REDIS_UP);
                }
                traffic.awaitMore(5);
                traffic.stop();

                assertThat(traffic.refusals).as("answers other than 200").isEmpty();
                Set<Long> acknowledged = new HashSet<>(traffic.acknowledged);
                assertThat(acknowledged).hasSize(traffic.acknowledged.size());
                List<Long> stored = IdempotentSendTest.history(nodes.b, nodes.b.token(reader), "steady").stream()
                        .map(message -> message.get("id").asLong()).toList();
                assertThat(stored).as("every acknowledged message exactly once").doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(acknowledged);

                onC.await(WITHIN, "every message on node C's socket", frame -> isMessage(frame, traffic.last()));
                assertThat(onC.messageIds()).as("node C's own socket: every message, once")
                        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
                assertThat(onA.messageIds()).as("node A's socket: no message twice").doesNotHaveDuplicates();

                try (Heard back = Heard.on(nodes.b, readerToken, "&after=" + lastSeenOnB)) {
                    back.await(WITHIN, "the catch-up on node B", frame -> isMessage(frame, traffic.last()));
                    back.listen(Duration.ofMillis(500));
                    assertThat(back.messageIds()).as("after=%d: every message missed, once, in order", lastSeenOnB)
                            .containsExactlyElementsOf(stored.stream().filter(id -> id > lastSeenOnB).toList());
                }
                System.out.printf("Redis outage: %d messages acknowledged, node A's socket heard %d of them%n",
                        stored.size(), onA.messageIds().size());
            }
        }
    }

    /**
     * Once Redis answers again, a message sent through node C no later than 5 s after the
     * restart reaches the socket on node A (each probe is given 1 s to arrive).
     */
    private static void awaitCrossNodeDelivery(RunningServer c, String token, Traffic traffic, Heard onA,
                                               long restarted) throws InterruptedException {
        long deadline = restarted + WITHIN.toNanos();
        while (true) {
            boolean late = System.nanoTime() - deadline > 0;
            long id = probe(c, token, traffic);
            try {
                onA.await(Duration.ofSeconds(1), "probe " + id, frame -> isMessage(frame, id));
                System.out.printf("cross-node delivery resumed %d ms after Redis answered again%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted));
                return;
            } catch (AssertionError notYet) {
                if (late) {
                    throw new AssertionError("cross-node delivery did not resume within " + WITHIN.toMillis()
                            + " ms of Redis's restart", notYet);
                }
            }
        }
    }

    /** One more send through node C, from the test thread; returns its id. */
    private static long probe(RunningServer node, String token, Traffic traffic) {
        RunningServer.Answer answer = node.sendMessage(token, "reader", "probe", null);
        assertThat(answer.status()).as("a send: %s", answer.body()).isEqualTo(200);
        long id = answer.body().get("id").asLong();
        traffic.acknowledged.add(id);
        return id;
    }

    private static boolean isMessage(JsonNode frame, long id) {
        return frame.path("case").asText().equals("NEW_MESSAGE") && frame.path("id").asLong() == id;
    }

    /** A friend sending through one node about twenty times a second, on a thread of its own. */
    private static final class Traffic implements AutoCloseable {

        final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private Traffic(RunningServer node, String token, String to) {
            thread = new Thread(() -> {
                for (int n = 0; running.get(); n++) {
                    try {
                        RunningServer.Answer answer = node.sendMessage(token, to, "traffic " + n, null);
                        if (answer.status() == 200) {
                            acknowledged.add(answer.body().get("id").asLong());
                        } else {
                            refusals.add(answer.status() + " " + answer.body());
                        }
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        refusals.add(e.toString());
                    }
                }
            }, "traffic");
            thread.start();
        }

        static Traffic start(RunningServer node, String token, String to) {
            return new Traffic(node, token, to);
        }

        /** Waits until this many more sends were acknowledged. */
        void awaitMore(int count) throws InterruptedException {
            int target = acknowledged.size() + count;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acknowledged.size() < target) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the sender is stuck: " + refusals);
                }
                Thread.sleep(20);
            }
        }

        long last() {
            return new ArrayList<>(acknowledged).stream().mapToLong(Long::longValue).max().orElse(0);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
            assertThat(thread.isAlive()).as("the sender stopped").isFalse();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }
}
