package io.friendchat.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each start-up problem is one clear line and a non-zero exit, never a stack trace. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return Main.run(List.of(args), environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errorLine() {
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
        return text.strip();
    }

    @Test
    void noSecretIsOneLineAndExitTwo() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(errorLine()).startsWith("friendchat: CHAT_JWT_SECRET is not set");
    }

    @Test
    void aBadPortIsOneLine() {
        assertThat(run(Map.of("CHAT_JWT_SECRET", "s", "CHAT_PORT", "70000"))).isEqualTo(2);
        assertThat(errorLine()).isEqualTo("friendchat: CHAT_PORT must be an integer from 0 to 65535, got '70000'.");
    }

    @Test
    void flagsOverrideTheEnvironment() {
        assertThat(run(Map.of("CHAT_JWT_SECRET", "s"), "--port", "nope")).isEqualTo(2);
        assertThat(errorLine()).isEqualTo("friendchat: CHAT_PORT must be an integer from 0 to 65535, got 'nope'.");
    }

    @Test
    void aBadTimeZoneIsOneLine() {
        assertThat(run(Map.of("CHAT_JWT_SECRET", "s", "CHAT_TIME_ZONE", "Mars/Olympus"))).isEqualTo(2);
        assertThat(errorLine()).contains("CHAT_TIME_ZONE 'Mars/Olympus' is not a time zone");
    }

    @Test
    void anUnreachableDatabaseIsOneLine() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> environment = Map.of("CHAT_JWT_SECRET", "s", "CHAT_PORT", "0",
                "CHAT_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/test");
        assertThat(run(environment)).isEqualTo(1);
        assertThat(errorLine()).startsWith("friendchat: ");
    }

    @Test
    void aPortInUseIsOneLine(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> environment = new HashMap<>();
            environment.put("CHAT_JWT_SECRET", "s");
            environment.put("CHAT_PORT", Integer.toString(taken.getLocalPort()));
            environment.put("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"));
            assertThat(run(environment)).isEqualTo(2);
            assertThat(errorLine()).isEqualTo("friendchat: Port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use (set CHAT_PORT to another).");
        }
    }

    @Test
    void theTokenCommandPrintsAVerifiableToken(@TempDir Path dir) {
        Map<String, String> environment = Map.of("CHAT_JWT_SECRET", "a-secret-for-the-token-command-test!",
                "CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"));
        assertThat(run(environment, "token", "--user-id", "42", "--ttl", "60", "--two-factor-verified")).isZero();
        String token = out.toString(StandardCharsets.UTF_8).strip();
        var verified = new io.friendchat.adapter.token.JwtTokenVerifier("a-secret-for-the-token-command-test!",
                java.time.Clock.systemUTC()).verify(token);
        assertThat(verified.accountId().value()).isEqualTo(42);
        assertThat(verified.twoFactorVerified()).isTrue();
    }

    @Test
    void theTokenCommandSaysWhenNoAccountHasTheName(@TempDir Path dir) {
        Map<String, String> environment = Map.of("CHAT_JWT_SECRET", "s",
                "CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"));
        assertThat(run(environment, "token", "nobody")).isEqualTo(2);
        assertThat(errorLine()).isEqualTo("friendchat: No account is named 'nobody'.");
    }
}
