package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.friendchat.testkit.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.friendchat.bootstrap.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node killed without closing anything (SIGKILL of the real jar): the account whose
 * only socket was there reads offline through another node within two ping periods, and
 * its friends on the other nodes get its offline PRESENCE event, once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KilledNodeGoesOfflineIT {

    private static final int PING_SECONDS = 2;
    /** Where the API sets no bound: generous, as a freshly started process on a loaded machine is slow. */
    private static final Duration WITHIN = Duration.ofSeconds(20);
    /** The offline event needs the presence to expire and another node's heartbeat to reap it: a generous bound. */
    private static final Duration EVENT_WITHIN = Duration.ofSeconds(10);

    @Test
    void theKilledNodesAccountGoesOfflineEverywhere() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip(); RedisServer redis = RedisServer.start()) {
            Map<String, String> settings = new HashMap<>(ThreeNodes.settings(schema, redis));
            settings.put("CHAT_WS_PING_SECONDS", Integer.toString(PING_SECONDS));
            try (RunningServer a = RunningServer.start(settings)) {
                // Node A has migrated the schema: B's process starts while C starts in this JVM.
                CompletableFuture<ServerProcess> startingB = CompletableFuture.supplyAsync(() -> process(settings));
                RunningServer c = startOrStopB(settings, startingB);
                try (c; ServerProcess b = startingB.get(3, TimeUnit.MINUTES)) {
                    killNodeB(a, b, c);
                }
            }
        }
    }

    private static void killNodeB(RunningServer a, ServerProcess b, RunningServer c) throws Exception {
        RunningServer onB = RunningServer.remote(b.baseUri());
        long kit = a.createAccount("kit", "Kit Killed");
        long fay = a.createAccount("fay", "Fay Friend");
        long gus = a.createAccount("gus", "Gus Friend");
        a.befriend("kit", "fay");
        a.befriend("kit", "gus");
        RunningServer.Answer toFay = c.sendMessage(c.token(kit), "fay", "hello fay", null);
        RunningServer.Answer toGus = c.sendMessage(c.token(kit), "gus", "hello gus", null);
        assertThat(toFay.status()).isEqualTo(200);
        assertThat(toGus.status()).isEqualTo(200);
        String fayToken = c.token(fay);
        JsonNode kitOnline = json("{\"case\": \"PRESENCE\", \"account\": \"kit\", \"online\": true}");
        JsonNode kitOffline = json("{\"case\": \"PRESENCE\", \"account\": \"kit\", \"online\": false}");

        // One after the other: the friends' sockets have started before kit's opens.
        try (Heard fayOnA = Heard.started(a, fayToken, "&events=PRESENCE", toFay, WITHIN);
             Heard gusOnC = Heard.started(c, c.token(gus), "&events=PRESENCE", toGus, WITHIN);
             Heard kitOnB = Heard.on(onB, onB.token(kit), "")) {
            fayOnA.await(WITHIN, kitOnline);
            gusOnC.await(WITHIN, kitOnline);
            assertThat(kitOnline(c, fayToken)).as("kit online, read through node C").isTrue();

            long killed = System.nanoTime();
            b.kill();
            Duration readOffline = awaitOffline(c, fayToken, killed);
            fayOnA.await(EVENT_WITHIN, kitOffline);
            Duration heardOnA = since(killed);
            gusOnC.await(EVENT_WITHIN, kitOffline);
            System.out.printf("node B killed: kit read offline through node C after %d ms, its offline "
                    + "event heard on node A after %d ms (ping %d s)%n", readOffline.toMillis(),
                    heardOnA.toMillis(), PING_SECONDS);

            for (Heard friend : List.of(fayOnA, gusOnC)) {
                assertThat(friend.listen(Duration.ofMillis(1500))).as("kit's presence, once each way")
                        .filteredOn(frame -> frame.path("account").asText().equals("kit"))
                        .containsExactly(kitOnline, kitOffline);
            }
        }
    }

    private static ServerProcess process(Map<String, String> settings) {
        try {
            return ServerProcess.start(settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts node C; when that fails, stops node B once it is up, so that no process outlives the test. */
    private static RunningServer startOrStopB(Map<String, String> settings,
                                              CompletableFuture<ServerProcess> startingB) {
        try {
            return RunningServer.start(settings);
        } catch (RuntimeException | Error e) {
            startingB.thenAccept(b -> {
                try {
                    b.close();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            throw e;
        }
    }

    /** Polls presence through the node until offline; fails if a read begun two ping periods after the kill is online. */
    private static Duration awaitOffline(RunningServer node, String token, long killed) throws InterruptedException {
        Duration bound = Duration.ofSeconds(2L * PING_SECONDS);
        while (true) {
            Duration asked = since(killed);
            if (!kitOnline(node, token)) {
                return asked;
            }
            if (asked.compareTo(bound) > 0) {
                throw new AssertionError("kit still reads online " + asked.toMillis() + " ms after node B died");
            }
            Thread.sleep(50);
        }
    }

    private static boolean kitOnline(RunningServer node, String token) {
        RunningServer.Answer conversation = node.get("/chat/conversation/?account=kit", token);
        assertThat(conversation.status()).isEqualTo(200);
        return conversation.body().get("sender-info").get("online").asBoolean();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
