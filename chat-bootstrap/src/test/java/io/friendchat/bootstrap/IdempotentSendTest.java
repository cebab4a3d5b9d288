package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.friendchat.bootstrap.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A send with a {@code client_id} is safe to retry, on the real server: the retry
 * gets the first answer (same id and time), and nothing new is stored or pushed,
 * even when the duplicates arrive at the same instant.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentSendTest {

    @TempDir
    static Path shared;
    /** The default settings (20 messages per second), shared by the tests that do not change them. */
    private RunningServer server;

    @BeforeAll
    void start() {
        server = RunningServer.start(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + shared.resolve("chat")));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRetryGetsTheFirstAnswerAndStoresAndPushesNothing(@TempDir Path dir) throws Exception {
        // One message per second (bursts of two), so that the limiter can be seen not to refuse a replay.
        try (RunningServer limited = RunningServer.start(Map.of(
                "CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"), "CHAT_RATE_LIMIT", "1"))) {
            long ann = limited.createAccount("ann", "Ann A");
            long bob = limited.createAccount("bob", "Bob B");
            long cid = limited.createAccount("cid", "Cid C");
            limited.befriend("ann", "bob");
            String annToken = limited.token(ann);

            try (SocketClient bobSocket = SocketClient.connect(limited.socketUri(limited.token(bob), ""))) {
                RunningServer.Answer first = limited.sendMessage(annToken, "bob", "only once", "retry-1");
                assertThat(first.status()).isEqualTo(200);
                assertThat(json(bobSocket.next()).get("id").asLong()).isEqualTo(first.body().get("id").asLong());

                // A second later, so that a message stored again would show another time.
                Thread.sleep(1_100);
                RunningServer.Answer retry = limited.sendMessage(annToken, "cid", "another text", "retry-1");
                assertThat(retry.status()).isEqualTo(200);
                assertThat(retry.body()).isEqualTo(first.body());

                sendUntilRateLimited(limited, annToken);
                RunningServer.Answer whileLimited = limited.sendMessage(annToken, "bob", "x", "retry-1");
                assertThat(whileLimited.status()).isEqualTo(200);
                assertThat(whileLimited.body()).isEqualTo(first.body());

                assertThat(limited.send("DELETE", "/admin/friendships/?a=ann&b=bob", RunningServer.ADMIN, null)
                        .status()).isEqualTo(204);
                Thread.sleep(1_100);
                RunningServer.Answer afterUnfriending = limited.sendMessage(annToken, "bob", "x", "retry-1");
                assertThat(afterUnfriending.status()).isEqualTo(200);
                assertThat(afterUnfriending.body()).isEqualTo(first.body());
                limited.befriend("ann", "bob");

                // Only the one message reached bob's socket: the sends above that were refused or replayed pushed
                // nothing, and those that were stored are counted below.
                List<JsonNode> pushed = drain(bobSocket);
                List<JsonNode> stored = limited.history(limited.token(bob), "ann");
                assertThat(pushed).extracting(frame -> frame.get("id").asLong())
                        .containsExactlyElementsOf(stored.subList(1, stored.size()).stream()
                                .map(message -> message.get("id").asLong()).toList());
                assertThat(stored.get(0).get("id").asLong()).isEqualTo(first.body().get("id").asLong());
                assertThat(stored.get(0).get("message").asText()).isEqualTo("only once");
                assertThat(stored.stream().filter(message -> message.get("message").asText().equals("only once")))
                        .hasSize(1);
                assertThat(limited.get("/chat/list-conversation/", limited.token(cid)).body())
                        .isEqualTo(json("{\"vide\": true, \"info\": []}"));
            }

            // client_id is per sender: bob's "retry-1" is a message of its own.
            Thread.sleep(1_100);
            RunningServer.Answer bobs = limited.sendMessage(limited.token(bob), "ann", "mine", "retry-1");
            assertThat(bobs.status()).isEqualTo(200);
            assertThat(bobs.body().get("id").asLong()).isNotEqualTo(retryId(limited, annToken));
        }
    }

    @Test
    void simultaneousDuplicatesStoreExactlyOneAndPushOneEvent() throws Exception {
        sendDuplicatesInRounds(server, 5, 0);
    }

    /**
     * One message per second (bursts of two): duplicates racing past the replay check
     * must not each take a token, or all but the first would be refused (API.md: each
     * gets the first send's 200).
     */
    @Test
    void simultaneousDuplicatesUnderATightRateLimitEachGetTheFirst200(@TempDir Path dir) throws Exception {
        try (RunningServer limited = RunningServer.start(Map.of(
                "CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"), "CHAT_RATE_LIMIT", "1"))) {
            sendDuplicatesInRounds(limited, 3, 1_100);
        }
    }

    private static void sendDuplicatesInRounds(RunningServer server, int rounds, long pauseMillis)
            throws Exception {
        long ann = server.createAccount("ann", "Ann A");
        long bob = server.createAccount("bob", "Bob B");
        server.befriend("ann", "bob");
        String annToken = server.token(ann);
        int duplicates = 12;
        ExecutorService senders = Executors.newFixedThreadPool(duplicates);
        try (SocketClient bobSocket = SocketClient.connect(server.socketUri(server.token(bob), ""))) {
            for (int round = 0; round < rounds; round++) {
                Thread.sleep(pauseMillis);
                String clientId = "burst-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<RunningServer.Answer>> answers = new ArrayList<>();
                for (int i = 0; i < duplicates; i++) {
                    answers.add(senders.submit(() -> {
                        go.await();
                        return server.sendMessage(annToken, "bob", "text of " + clientId, clientId);
                    }));
                }
                go.countDown();
                JsonNode expected = null;
                for (Future<RunningServer.Answer> answer : answers) {
                    RunningServer.Answer got = answer.get(30, TimeUnit.SECONDS);
                    assertThat(got.status()).as("status of a duplicate of %s", clientId).isEqualTo(200);
                    expected = expected == null ? got.body() : expected;
                    assertThat(got.body()).isEqualTo(expected);
                }
                JsonNode event = json(bobSocket.next());
                assertThat(event.get("id").asLong()).isEqualTo(expected.get("id").asLong());
                assertThat(event.get("message").asText()).isEqualTo("text of " + clientId);
            }
            assertThat(bobSocket.frames.poll(1, TimeUnit.SECONDS)).as("a second push").isNull();
        } finally {
            senders.shutdownNow();
        }
        List<JsonNode> stored = server.history(server.token(bob), "ann");
        assertThat(stored).extracting(message -> message.get("message").asText())
                .containsExactlyElementsOf(IntStream.range(0, rounds).mapToObj(round -> "text of burst-" + round)
                        .toList());
    }

    @Test
    void aClientIdIsOneTo64CodePointsOfText() {
        long val = server.createAccount("val", "Val V");
        long ida = server.createAccount("ida", "Ida I");
        server.befriend("val", "ida");
        String token = server.token(val);
        String longest = "\uD83D\uDE00".repeat(64);

        assertThat(server.sendMessage(token, "ida", "a", longest).status()).isEqualTo(200);
        assertThat(server.sendMessage(token, "ida", "b", longest + "x").status()).isEqualTo(400);
        assertThat(server.sendMessage(token, "ida", "c", "").status()).isEqualTo(400);
        RunningServer.Answer number = server.send("POST", "/chat/message/", token,
                "{\"account\": \"ida\", \"message\": \"d\", \"client_id\": 7}");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.body().get("code").asText()).isEqualTo("invalid_request");
        assertThat(server.history(server.token(ida), "val")).extracting(m -> m.get("message").asText())
                .containsExactly("a");
    }

    private static void sendUntilRateLimited(RunningServer server, String token) {
        for (int i = 0; i < 20; i++) {
            RunningServer.Answer answer = server.sendMessage(token, "bob", "filler " + i, null);
            if (answer.status() == 429) {
                return;
            }
            assertThat(answer.status()).isEqualTo(200);
        }
        throw new AssertionError("never rate limited at one message per second");
    }

    private static long retryId(RunningServer server, String annToken) {
        return server.sendMessage(annToken, "bob", "ignored", "retry-1").body().get("id").asLong();
    }

    private static List<JsonNode> drain(SocketClient socket) throws InterruptedException {
        List<JsonNode> frames = new ArrayList<>();
        String frame;
        while ((frame = socket.frames.poll(700, TimeUnit.MILLISECONDS)) != null) {
            frames.add(json(frame));
        }
        return frames;
    }

    /** Kept for the tests that call it; {@link RunningServer#history} is the helper. */
    static List<JsonNode> history(RunningServer server, String token, String friend) {
        return server.history(token, friend);
    }
}
