package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.friendchat.bootstrap.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three nodes on one PostgreSQL schema and one Redis: a message POSTed to one node
 * reaches the receiver's sockets on the others, exactly as the API says and once per
 * socket; presence read through any node counts sockets on every node; PRESENCE,
 * TYPING and READ events cross nodes, and a second tab elsewhere is no news.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossNodeDeliveryTest {

    /** No bound of the API applies here: generous, for a loaded machine. */
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final String PICTURE = "http://127.0.0.1:9003/register/media/avatars/unknown.jpg";

    private ThreeNodes nodes;

    @BeforeAll
    void startThreeNodes() {
        nodes = ThreeNodes.start(Map.of("CHAT_RATE_LIMIT", "0"));
    }

    @AfterAll
    void stop() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void everyNodeAnswersHealthWithRedisUp() {
        for (RunningServer node : nodes.nodes()) {
            RunningServer.Answer health = node.get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).isEqualTo(json("{\"status\": \"UP\", \"database\": \"UP\", \"redis\": \"UP\"}"));
        }
    }

    @Test
    void aMessagePostedToNodeCReachesSocketsOnNodesAAndBOnceEach() throws Exception {
        long sam = nodes.a.createAccount("sam", "Sam Sender");
        long rita = nodes.a.createAccount("rita", "Rita Receiver");
        nodes.a.befriend("sam", "rita");
        String ritaToken = nodes.a.token(rita);

        try (Heard onA = Heard.on(nodes.a, ritaToken, "")) {
            RunningServer.Answer sent = nodes.c.sendMessage(nodes.c.token(sam), "rita", "héllo \"across\" 🌍", null);
            assertThat(sent.status()).isEqualTo(200);
            JsonNode expected = newMessage(sent.body(), "héllo \"across\" 🌍", "sam", "Sam Sender", "rita");
            onA.await(WITHIN, expected);

            try (Heard onB = Heard.on(nodes.b, ritaToken, "")) {
                RunningServer.Answer second = nodes.c.sendMessage(nodes.c.token(sam), "rita", "to both tabs", null);
                assertThat(second.status()).isEqualTo(200);
                JsonNode expectedSecond = newMessage(second.body(), "to both tabs", "sam", "Sam Sender", "rita");
                onA.await(WITHIN, expectedSecond);
                onB.await(WITHIN, expectedSecond);

                assertThat(onA.listen(QUIET)).containsExactly(expected, expectedSecond);
                assertThat(onB.listen(Duration.ZERO)).containsExactly(expectedSecond);
            }
        }
    }

    @Test
    void friendsSendingThroughTwoNodesAtOnceReachASocketInIdOrderSoAReconnectWithAfterMissesNone()
            throws Exception {
        long una = nodes.a.createAccount("una", "Una Reader");
        long vic = nodes.a.createAccount("vic", "Vic Here");
        long wes = nodes.a.createAccount("wes", "Wes There");
        nodes.a.befriend("una", "vic");
        nodes.a.befriend("una", "wes");
        int each = 150;

        try (Heard onA = Heard.on(nodes.a, nodes.a.token(una), "")) {
            // Vic's sends are committed on node A, whose own sockets get them at once; Wes's on node B, whose
            // events reach node A through Redis a moment later.
            List<Long> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Thread fromB = new Thread(() -> sendAll(nodes.b, nodes.b.token(wes), each, sent));
            fromB.start();
            sendAll(nodes.a, nodes.a.token(vic), each, sent);
            fromB.join();
            assertThat(sent).hasSize(2 * each);

            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (onA.messageIds().size() < 2 * each && System.nanoTime() - deadline < 0) {
                onA.listen(Duration.ofMillis(100));
            }
            List<Long> heard = onA.listen(QUIET).stream().map(frame -> frame.get("id").asLong()).toList();
            assertThat(heard).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(heard).as("ids in the order they were committed").isSorted();
        }
    }

    private static void sendAll(RunningServer node, String token, int count, List<Long> sent) {
        for (int i = 0; i < count; i++) {
            RunningServer.Answer answer = node.sendMessage(token, "una", "message " + i, null);
            assertThat(answer.status()).isEqualTo(200);
            sent.add(answer.body().get("id").asLong());
        }
    }

    @Test
    void presenceReadThroughNodeCCountsTheOnlySocketOnNodeB() throws Exception {
        long otto = nodes.a.createAccount("otto", "Otto Observer");
        long fern = nodes.a.createAccount("fern", "Fern Friend");
        nodes.a.befriend("otto", "fern");
        assertThat(nodes.a.sendMessage(nodes.a.token(fern), "otto", "hi", null).status()).isEqualTo(200);
        String ottoToken = nodes.c.token(otto);
        assertThat(fernOnline(ottoToken)).isFalse();

        try (Heard fernOnB = Heard.on(nodes.b, nodes.b.token(fern), "")) {
            awaitTrue("fern reads online through node C", () -> fernOnline(ottoToken));
            RunningServer.Answer inbox = nodes.c.get("/chat/list-conversation/", ottoToken);
            assertThat(inbox.body().get("info").get(0).get("online").asBoolean()).isTrue();
        }
        awaitTrue("fern reads offline through node C once her socket closed", () -> !fernOnline(ottoToken));
    }

    @Test
    void presenceTypingAndReadEventsCrossNodesAndASecondTabIsNoNews() throws Exception {
        long pia = nodes.a.createAccount("pia", "Pia Watcher");
        long quin = nodes.a.createAccount("quin", "Quin Typist");
        nodes.a.befriend("pia", "quin");
        JsonNode quinOnline = json("{\"case\": \"PRESENCE\", \"account\": \"quin\", \"online\": true}");
        JsonNode quinOffline = json("{\"case\": \"PRESENCE\", \"account\": \"quin\", \"online\": false}");

        RunningServer.Answer earlier = nodes.b.sendMessage(nodes.b.token(quin), "pia", "earlier", null);
        assertThat(earlier.status()).isEqualTo(200);

        // Opened one after the other: pia's socket has started before quin's opens.
        try (Heard piaOnA = Heard.started(nodes.a, nodes.a.token(pia), "&events=PRESENCE,TYPING,READ", earlier,
                WITHIN);
             Heard quinOnB = Heard.on(nodes.b, nodes.b.token(quin), "&events=READ")) {
            piaOnA.await(WITHIN, quinOnline);

            try (Heard quinOnC = Heard.on(nodes.c, nodes.c.token(quin), "&events=PRESENCE")) {
                // Its presence snapshot (pia is online) is sent once this second tab has been counted online.
                quinOnC.await(WITHIN, json("{\"case\": \"PRESENCE\", \"account\": \"pia\", \"online\": true}"));

                quinOnB.send("{\"case\": \"TYPING\", \"account\": \"pia\"}");
                piaOnA.await(WITHIN, json("{\"case\": \"TYPING\", \"sender\": \"quin\"}"));

                RunningServer.Answer sent = nodes.b.sendMessage(nodes.b.token(quin), "pia", "did you read it?", null);
                assertThat(sent.status()).isEqualTo(200);
                long id = sent.body().get("id").asLong();
                piaOnA.await(WITHIN, newMessage(sent.body(), "did you read it?", "quin", "Quin Typist", "pia"));
                RunningServer.Answer read = nodes.c.send("POST", "/chat/read/", nodes.c.token(pia),
                        "{\"account\": \"quin\", \"up_to\": " + id + "}");
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.body()).isEqualTo(json("{\"success\": \"Marked as read.\", \"unread\": 0}"));
                quinOnB.await(WITHIN, json("{\"case\": \"READ\", \"reader\": \"pia\", \"up_to\": " + id + "}"));

                quinOnB.close();
                assertThat(piaOnA.listen(QUIET)).as("quin is still online on node C").doesNotContain(quinOffline);
            }
            piaOnA.await(WITHIN, quinOffline);

            List<JsonNode> presence = piaOnA.listen(QUIET).stream()
                    .filter(frame -> frame.get("case").asText().equals("PRESENCE")).toList();
            assertThat(presence).as("one online event for two tabs on two nodes, one offline after both")
                    .containsExactly(quinOnline, quinOffline);
        }
    }

    private boolean fernOnline(String ottoToken) {
        RunningServer.Answer conversation = nodes.c.get("/chat/conversation/?account=fern", ottoToken);
        assertThat(conversation.status()).isEqualTo(200);
        return conversation.body().get("sender-info").get("online").asBoolean();
    }

    private static JsonNode newMessage(JsonNode sent, String text, String sender, String senderName, String to) {
        var expected = RunningServer.JSON.createObjectNode();
        expected.put("case", "NEW_MESSAGE");
        expected.put("time", sent.get("time").asText());
        expected.put("message", text);
        expected.put("sender", sender);
        expected.put("picture", PICTURE);
        expected.put("full-name", senderName);
        expected.put("id", sent.get("id").asLong());
        expected.put("reciver", to);
        // Parsed again, so that numbers compare as the parsed frames' (an int node is not equal to a long node).
        return json(expected.toString());
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WITHIN.toMillis() + " ms: " + what);
            }
            Thread.sleep(50);
        }
    }
}
