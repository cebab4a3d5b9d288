package io.friendchat.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.friendchat.bootstrap.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CHAT_ADMIN_TOKEN is compared with the token of an {@code Authorization: Bearer} header,
 * which is trimmed and holds no blank: the setting is trimmed alike, and one with a blank
 * inside, which no header could ever carry, is refused at start.
 */
class ServerConfigAdminTokenTest {

    @Test
    void isTrimmedAsTheBearerHeaderIs() {
        assertThat(adminToken("s3cret\n")).isEqualTo("s3cret");
        assertThat(adminToken("  s3cret \t\r\n")).isEqualTo("s3cret");
        assertThat(adminToken("s3cret")).isEqualTo("s3cret");
        assertThat(ServerConfig.load(Map.of("CHAT_JWT_SECRET", "s"), List.of("--admin-token", "s3cret "), false)
                .adminToken()).isEqualTo("s3cret");
    }

    @Test
    void aBlankTokenLeavesTheAdminApiOff() {
        assertThat(adminToken(" \n")).isNull();
        assertThat(ServerConfig.load(Map.of("CHAT_JWT_SECRET", "s"), List.of(), false).adminToken()).isNull();
    }

    @Test
    void aTokenWithABlankOrAControlCharacterInsideIsRefused() {
        for (String token : new String[] {"s3cret token", "s3cret\ttoken", "s3cret\ntoken\n", "s3cret\u0001x"}) {
            assertThatThrownBy(() -> adminToken(token))
                    .isInstanceOf(ConfigProblem.class)
                    .hasMessage("CHAT_ADMIN_TOKEN holds a blank or a control character inside: no Authorization "
                            + "header could carry it. Give a token without one.");
        }
    }

    @Test
    void aTokenWithATrailingNewlineOpensTheAdminApi(@TempDir Path dir) {
        try (RunningServer server = RunningServer.start(Map.of("CHAT_ADMIN_TOKEN", RunningServer.ADMIN + "\n",
                "CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat")))) {
            RunningServer.Answer answer = server.get("/admin/accounts/nobody/", RunningServer.ADMIN);

            assertThat(answer.status()).as("body %s", answer.body()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo(json(
                    "{\"error\": \"No account matches that username or email.\", \"code\": \"account_not_found\"}"));
        }
    }

    private static String adminToken(String value) {
        return ServerConfig.load(Map.of("CHAT_JWT_SECRET", "s", "CHAT_ADMIN_TOKEN", value), List.of(), false)
                .adminToken();
    }
}
