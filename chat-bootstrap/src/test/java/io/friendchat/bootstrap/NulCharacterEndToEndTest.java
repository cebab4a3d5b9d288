package io.friendchat.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.friendchat.bootstrap.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * U+0000 in what a client sends, on both databases: PostgreSQL cannot store it in
 * text and refuses a query that holds it, which must not become a 503. A handle with
 * it names no account (404); anywhere else it is a 400. The same answers on H2.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NulCharacterEndToEndTest {

    private static final String NOT_FOUND =
            "{\"error\": \"No account matches that username or email.\", \"code\": \"account_not_found\"}";

    @Test
    void theSameAnswersOnAnH2File(@TempDir Path dir) {
        check(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat")));
    }

    @Test
    void theSameAnswersOnPostgreSql() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip()) {
            check(schema.serverSettings(Map.of()));
        }
    }

    private static void check(Map<String, String> database) {
        try (RunningServer server = RunningServer.start(database)) {
            long ayrei = server.createAccount("ayrei", "amu ferwe");
            server.createAccount("ayrei1", "Ayman Reifoun");
            server.befriend("ayrei", "ayrei1");
            String token = server.token(ayrei);

            expect(server.get("/chat/conversation/?account=%00", token), 404, NOT_FOUND);
            expect(server.get("/chat/conversation/?account=ayrei1%00", token), 404, NOT_FOUND);
            expect(server.send("POST", "/chat/message/", token, "{\"account\": \"a\\u0000\", \"message\": \"hi\"}"),
                    404, NOT_FOUND);
            expect(server.send("POST", "/chat/read/", token, "{\"account\": \"\\u0000\", \"up_to\": 1}"),
                    404, NOT_FOUND);
            expect(server.send("POST", "/chat/message/", token,
                            "{\"account\": \"ayrei1\", \"message\": \"hi\", \"client_id\": \"\\u0000\"}"),
                    400, "{\"error\": \"'client_id' contains the character U+0000, which cannot be sent.\","
                            + " \"code\": \"invalid_request\"}");

            String fullName = "{\"error\": \"'full_name' contains the character U+0000, which cannot be stored.\","
                    + " \"code\": \"invalid_request\"}";
            expect(server.send("POST", "/admin/accounts/", RunningServer.ADMIN,
                    "{\"username\": \"nul\", \"email\": \"nul@example.com\", \"full_name\": \"a\\u0000\"}"), 400, fullName);
            expect(server.send("PATCH", "/admin/accounts/ayrei/", RunningServer.ADMIN, "{\"full_name\": \"\\u0000\"}"),
                    400, fullName);
            expect(server.send("PATCH", "/admin/accounts/ayrei/", RunningServer.ADMIN,
                    "{\"email\": \"a\\u0000@example.com\"}"), 400,
                    "{\"error\": \"'email' must be an email address.\", \"code\": \"invalid_request\"}");
            expect(server.send("PATCH", "/admin/accounts/ayrei/", RunningServer.ADMIN,
                    "{\"picture\": \"https://cdn.example.com/\\u0000.jpg\"}"), 400,
                    "{\"error\": \"'picture' must be an http or https URL.\", \"code\": \"invalid_request\"}");

            String username = "{\"error\": \"A username cannot contain the character U+0000.\","
                    + " \"code\": \"invalid_request\"}";
            expect(server.get("/admin/accounts/ayrei%00/", RunningServer.ADMIN), 400, username);
            expect(server.send("PATCH", "/admin/accounts/%00/", RunningServer.ADMIN, "{\"full_name\": \"x\"}"),
                    400, username);
            expect(server.send("PUT", "/admin/friendships/", RunningServer.ADMIN,
                    "{\"a\": \"ayrei\", \"b\": \"ayrei1\\u0000\"}"), 400, username);
            expect(server.send("DELETE", "/admin/friendships/?a=ayrei&b=%00", RunningServer.ADMIN, null),
                    400, username);

            // Nothing was stored, and the server still answers.
            assertThat(server.history(token, "ayrei1")).isEmpty();
            expect(server.get("/health", null), 200, "{\"status\": \"UP\", \"database\": \"UP\"}");
        }
    }

    private static void expect(RunningServer.Answer answer, int status, String body) {
        assertThat(answer.status()).as("status, body %s", answer.body()).isEqualTo(status);
        assertThat(answer.body()).isEqualTo(json(body));
    }
}
