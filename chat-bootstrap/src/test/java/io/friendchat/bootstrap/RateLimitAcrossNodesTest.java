package io.friendchat.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.friendchat.bootstrap.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CHAT_RATE_LIMIT=5 (bursts of 10) on three nodes: one account's bucket is shared, so a
 * client spreading a burst over the three nodes is refused after the same 10 sends as on
 * one node, not after 30; while Redis is down each node limits with its own buckets, so
 * sends are still limited and still granted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitAcrossNodesTest {

    private static final int RATE = 5;
    private static final int BURST = 2 * RATE;
    private static final int SENDS = 30;

    private ThreeNodes nodes;

    @BeforeAll
    void startThreeNodes() {
        nodes = ThreeNodes.start(Map.of("CHAT_RATE_LIMIT", Integer.toString(RATE)));
    }

    @AfterAll
    void stop() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aBurstSpreadOverThreeNodesIsRefusedAfterTheBurstOfOne() throws Exception {
        long spreader = nodes.a.createAccount("spreader", "Sue Spreader");
        nodes.a.createAccount("spread_target", "Tom Target");
        nodes.a.befriend("spreader", "spread_target");

        Burst burst = burst(nodes.nodes(), nodes.a.token(spreader), "spread_target");

        assertThat(burst.granted()).as("the burst of %d is granted whichever nodes serve it", BURST)
                .isGreaterThanOrEqualTo(BURST);
        assertThat(burst.granted()).as("one shared bucket: %d a burst plus %d/s refilled during %d ms, "
                + "not %d per node", BURST, RATE, burst.millis(), BURST).isLessThanOrEqualTo(burst.mostGranted());
        assertThat(burst.granted()).isLessThan(SENDS);
        assertThat(IdempotentSendTest.history(nodes.b, nodes.b.token(spreader), "spread_target"))
                .as("nothing stored for a 429").hasSize(burst.granted());
    }

    @Test
    void whileRedisIsDownEachNodeLimitsWithItsOwnBuckets() throws Exception {
        long alone = nodes.a.createAccount("alone", "Al Alone");
        nodes.a.createAccount("alone_target", "Tia Target");
        nodes.a.befriend("alone", "alone_target");
        nodes.redis.stop();
        try {
            awaitRedisDown(nodes.a);

            Burst burst = burst(List.of(nodes.a), nodes.a.token(alone), "alone_target");

            assertThat(burst.granted()).as("not refusing everything").isGreaterThanOrEqualTo(BURST);
            assertThat(burst.granted()).as("still limited: %d a burst plus %d/s during %d ms", BURST, RATE,
                    burst.millis()).isLessThanOrEqualTo(burst.mostGranted());
            assertThat(burst.granted()).isLessThan(SENDS);
        } finally {
            nodes.redis.startAgain();
        }
        // Every node shares the bucket again before another test bursts through them.
        for (RunningServer node : nodes.nodes()) {
            awaitRedisUp(node);
        }
    }

    /** What a burst of concurrent sends got: how many 200s, and how long it lasted from first send to last answer. */
    private record Burst(int granted, long millis) {

        /** A burst plus what the bucket refills while the burst lasts (and one for a refill just begun). */
        int mostGranted() {
            return BURST + (int) (RATE * millis / 1000) + 1;
        }
    }

    /** Sends {@link #SENDS} messages at once, spread round-robin over the nodes; every refusal must be a 429. */
    private static Burst burst(List<RunningServer> over, String token, String to) throws Exception {
        for (RunningServer node : over) {
            // Warm each node's connection so that the burst is not spread by connection setup.
            assertThat(node.get("/health", null).status()).isEqualTo(200);
        }
        ExecutorService pool = Executors.newFixedThreadPool(SENDS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RunningServer.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < SENDS; i++) {
                RunningServer node = over.get(i % over.size());
                String text = "burst " + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return node.sendMessage(token, to, text, null);
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            int granted = 0;
            for (Future<RunningServer.Answer> future : answers) {
                RunningServer.Answer answer = future.get(60, TimeUnit.SECONDS);
                if (answer.status() == 200) {
                    granted++;
                    continue;
                }
                assertThat(answer.status()).as("a refused send: %s", answer.body()).isEqualTo(429);
                assertThat(answer.body().get("code").asText()).isEqualTo("rate_limited");
                assertThat(Integer.parseInt(answer.raw().headers().firstValue("Retry-After").orElseThrow()))
                        .isGreaterThanOrEqualTo(1);
            }
            Burst burst = new Burst(granted, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            System.out.printf("a burst of %d sends over %d node(s): %d granted in %d ms%n", SENDS, over.size(),
                    burst.granted(), burst.millis());
            return burst;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitRedisDown(RunningServer node) throws InterruptedException {
        awaitHealth(node, "{\"status\": \"UP\", \"database\": \"UP\", \"redis\": \"DOWN\"}");
    }

    private static void awaitRedisUp(RunningServer node) throws InterruptedException {
        awaitHealth(node, "{\"status\": \"UP\", \"database\": \"UP\", \"redis\": \"UP\"}");
    }

    static void awaitHealth(RunningServer node, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        RunningServer.Answer health;
        while (!(health = node.get("/health", null)).body().equals(json(expected))) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("health is not " + expected + " within 10 s: " + health.status() + " "
                        + health.body());
            }
            Thread.sleep(100);
        }
        assertThat(health.status()).isEqualTo(200);
    }
}
