package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.friendchat.testkit.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final Duration WITHIN = Duration.ofSeconds(5);
    /** The offline event needs the presence to expire and another node's heartbeat to reap it: a generous bound. */
    private static final Duration EVENT_WITHIN = Duration.ofSeconds(10);

    @Test
    void theKilledNodesAccountGoesOfflineEverywhere() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip(); RedisServer redis = RedisServer.start()) {
            Map<String, String> settings = new HashMap<>(ThreeNodes.settings(schema, redis));
            settings.put("CHAT_WS_PING_SECONDS", Integer.toString(PING_SECONDS));
            try (RunningServer a = RunningServer.start(settings);
                 RunningServer c = RunningServer.start(settings);
                 ServerProcess b = ServerProcess.start(settings)) {
                RunningServer onB = RunningServer.remote(b.baseUri());
                long kit = a.createAccount("kit", "Kit Killed");
                long fay = a.createAccount("fay", "Fay Friend");
                long gus = a.createAccount("gus", "Gus Friend");
                a.befriend("kit", "fay");
                a.befriend("kit", "gus");
                assertThat(c.sendMessage(c.token(kit), "fay", "hello from kit", null).status()).isEqualTo(200);
                String fayToken = c.token(fay);
                JsonNode kitOnline = json("{\"case\": \"PRESENCE\", \"account\": \"kit\", \"online\": true}");
                JsonNode kitOffline = json("{\"case\": \"PRESENCE\", \"account\": \"kit\", \"online\": false}");

                try (Heard fayOnA = Heard.on(a, fayToken, "&events=PRESENCE");
                     Heard gusOnC = Heard.on(c, c.token(gus), "&events=PRESENCE");
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
                                .filteredOn(frame -> frame.get("account").asText().equals("kit"))
                                .containsExactly(kitOnline, kitOffline);
                    }
                }
            }
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
