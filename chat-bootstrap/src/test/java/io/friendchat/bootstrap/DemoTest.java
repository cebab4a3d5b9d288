package io.friendchat.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Demo mode provisions its accounts idempotently and prints tokens that work. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoTest {

    private static final Pattern TOKEN = Pattern.compile("export TOKEN_AYREI1=(\\S+)");

    @Test
    void runningTheDemoTwiceOnOneDatabaseWorksBothTimes(@TempDir Path dir) throws Exception {
        for (int run = 0; run < 2; run++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ServerConfig config = ServerConfig.load(Map.of("CHAT_PORT", "0",
                    "CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat")), List.of(), true);
            try (ChatServer server = StandaloneServer.start(config, new PrintStream(out, true, StandardCharsets.UTF_8))) {
                String printed = out.toString(StandardCharsets.UTF_8);
                assertThat(printed).contains("Demo mode: generated CHAT_JWT_SECRET=");
                assertThat(printed).contains("curl -s -H \"Authorization: Bearer $TOKEN_AYREI\"");
                assertThat(printed).contains("ws://127.0.0.1:" + server.port() + "/ws/connection/?token=");
                Matcher token = TOKEN.matcher(printed);
                assertThat(token.find()).isTrue();

                HttpResponse<String> inbox = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.port() + "/chat/list-conversation/"))
                        .header("Authorization", "Bearer " + token.group(1)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(inbox.statusCode()).isEqualTo(200);
                assertThat(RunningServer.json(inbox.body())).isEqualTo(RunningServer.json("{\"vide\": true, \"info\": []}"));
            }
        }
    }

    @Test
    void theServerIsHandedOverBeforeTheDemoProvisionsAnything(@TempDir Path dir) {
        // Main registers its shutdown hook there: a stop asked for during the demo must still be graceful.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServerConfig config = ServerConfig.load(Map.of("CHAT_PORT", "0",
                "CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat")), List.of(), true);
        List<String> printedWhenListening = new ArrayList<>();
        try (ChatServer server = StandaloneServer.start(config, new PrintStream(out, true, StandardCharsets.UTF_8),
                listening -> printedWhenListening.add(out.toString(StandardCharsets.UTF_8)))) {
            assertThat(printedWhenListening).containsExactly("");
            assertThat(server.chat().useCases().manageAccounts().orElseThrow().find("ayrei")).isPresent();
        }
    }

    @Test
    void aStopAskedForWhileTheDemoProvisionsEndsTheStartQuietly(@TempDir Path dir) {
        Map<String, String> environment = Map.of("CHAT_PORT", "0", "CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // The stop runs the moment the server listens, before the demo provisions anything (as a Ctrl-C then would).
        int status = Main.run(List.of("--demo"), environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Runnable::run);

        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("export TOKEN_AYREI");
        // The stop released the database: the next demo opens it and provisions as usual.
        List<Runnable> stops = new ArrayList<>();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(Main.run(List.of("--demo"), environment, new PrintStream(again, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), stops::add)).isEqualTo(Main.SERVING);
        stops.forEach(Runnable::run);
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("export TOKEN_AYREI1=");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
