package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.friendchat.bootstrap.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole story on the real standalone server: provision through the admin
 * API, talk over REST, hear it on the socket, keep strangers out, restart, and
 * find every message still there.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EndToEndTest {

    @Test
    void theWholeStoryOnAnH2File(@TempDir Path dir) throws Exception {
        tellTheStory(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat")));
    }

    @Test
    void theWholeStoryOnPostgreSql() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip()) {
            tellTheStory(schema.serverSettings(Map.of()));
        }
    }

    @Test
    void aSocketStaysOpenAndKeepsHearingAfterItsTokenExpires(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat")))) {
            long rae = server.createAccount("rae", "Rae Reader");
            long sol = server.createAccount("sol", "Sol Sender");
            server.befriend("rae", "sol");
            String shortLived = server.token(rae, java.time.Duration.ofSeconds(2));

            try (SocketClient socket = SocketClient.connect(wsUri(server, shortLived))) {
                Thread.sleep(3_500);
                assertThat(server.get("/chat/list-conversation/", shortLived).status())
                        .as("the token has expired").isEqualTo(401);

                RunningServer.Answer sent = server.send("POST", "/chat/message/", server.token(sol),
                        "{\"account\": \"rae\", \"message\": \"still there?\"}");
                assertThat(sent.status()).isEqualTo(200);
                JsonNode heard = json(socket.next());
                assertThat(heard.get("case").asText()).isEqualTo("NEW_MESSAGE");
                assertThat(heard.get("id").asLong()).isEqualTo(sent.body().get("id").asLong());
                assertThat(heard.get("message").asText()).isEqualTo("still there?");
                assertThat(socket.closed).isNotDone();
            }
        }
    }

    private void tellTheStory(Map<String, String> database) throws Exception {
        long ayrei;
        long ayrei1;
        long stranger;
        long firstId;
        try (RunningServer server = RunningServer.start(database)) {
            ayrei = server.createAccount("ayrei", "amu ferwe");
            ayrei1 = server.createAccount("ayrei1", "Ayman Reifoun");
            stranger = server.createAccount("stranger", "Sam Stranger");
            server.befriend("ayrei", "ayrei1");

            try (SocketClient tab1 = SocketClient.connect(wsUri(server, server.token(ayrei1)));
                 SocketClient tab2 = SocketClient.connect(wsUri(server, server.token(ayrei1)));
                 SocketClient sender = SocketClient.connect(wsUri(server, server.token(ayrei)))) {

                RunningServer.Answer sent = server.send("POST", "/chat/message/", server.token(ayrei),
                        "{\"account\": \"ayrei1\", \"message\": \"hello\"}");
                assertThat(sent.status()).isEqualTo(200);
                assertThat(sent.body().get("success").asText()).isEqualTo("Message sent successfully.");
                firstId = sent.body().get("id").asLong();
                String time = sent.body().get("time").asText();
                assertThat(time).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

                JsonNode expectedEvent = json("{\"case\": \"NEW_MESSAGE\", \"time\": \"" + time + "\", "
                        + "\"message\": \"hello\", \"sender\": \"ayrei\", "
                        + "\"picture\": \"http://127.0.0.1:9003/register/media/avatars/unknown.jpg\", "
                        + "\"full-name\": \"amu ferwe\", \"id\": " + firstId + ", \"reciver\": \"ayrei1\"}");
                assertThat(json(tab1.next())).isEqualTo(expectedEvent);
                assertThat(json(tab2.next())).isEqualTo(expectedEvent);
                assertThat(sender.frames.poll(300, TimeUnit.MILLISECONDS)).isNull();

                RunningServer.Answer history = server.get("/chat/conversation/?account=ayrei", server.token(ayrei1));
                assertThat(history.status()).isEqualTo(200);
                assertThat(history.body()).isEqualTo(json("{\"vide\": false, \"sender-info\": {\"on_talk\": \"ayrei\", "
                        + "\"online\": true, \"picture\": \"http://127.0.0.1:9003/register/media/avatars/unknown.jpg\", "
                        + "\"full_name\": \"amu ferwe\", \"read_up_to\": 0}, \"data\": [{\"id\": " + firstId
                        + ", \"sender\": \"ayrei\", \"reciver\": \"ayrei1\", \"message\": \"hello\", \"time\": \""
                        + time + "\"}], \"has_more\": false}"));

                RunningServer.Answer inbox = server.get("/chat/list-conversation/", server.token(ayrei1));
                assertThat(inbox.status()).isEqualTo(200);
                assertThat(inbox.body()).isEqualTo(json("{\"vide\": false, \"info\": [{\"on_talk\": \"ayrei\", "
                        + "\"online\": true, \"picture\": \"http://127.0.0.1:9003/register/media/avatars/unknown.jpg\", "
                        + "\"full_name\": \"amu ferwe\", \"sender\": \"ayrei\", \"reciver\": \"ayrei1\", "
                        + "\"message\": \"hello\", \"time\": \"" + time + "\", \"unread\": 1}]}"));
            }

            RunningServer.Answer refused = server.get("/chat/conversation/?account=ayrei", server.token(stranger));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body().get("code").asText()).isEqualTo("not_friends");
            RunningServer.Answer refusedSend = server.send("POST", "/chat/message/", server.token(stranger),
                    "{\"account\": \"ayrei\", \"message\": \"let me in\"}");
            assertThat(refusedSend.status()).isEqualTo(403);

            RunningServer.Answer health = server.get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).isEqualTo(json("{\"status\": \"UP\", \"database\": \"UP\"}"));
        }

        try (RunningServer again = RunningServer.start(database)) {
            RunningServer.Answer history = again.get("/chat/conversation/?account=ayrei1", again.token(ayrei));
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.body().get("data")).hasSize(1);
            assertThat(history.body().get("data").get(0).get("id").asLong()).isEqualTo(firstId);
            assertThat(history.body().get("data").get(0).get("message").asText()).isEqualTo("hello");
            assertThat(history.body().get("sender-info").get("online").asBoolean()).isFalse();
        }
    }

    private static java.net.URI wsUri(RunningServer server, String token) {
        return java.net.URI.create("ws://127.0.0.1:" + server.server.port() + "/ws/connection/?token=" + token);
    }
}
