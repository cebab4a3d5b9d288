package io.friendchat.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request deadlines an operator sets reach the running standalone server: with
 * CHAT_HTTP_HEAD_SECONDS=1, a connection that sends half a request line and stops is closed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfiguredRequestDeadlinesTest {

    /**
     * Far past the configured second, for a loaded machine, yet short of the 10 s default:
     * a server that ignored the setting would still hold the connection open here.
     */
    private static final Duration AT_MOST = Duration.ofSeconds(8);

    @Test
    void aShortHeadDeadlineClosesAHalfSentRequestLineUnanswered(@TempDir Path dir) throws IOException {
        try (RunningServer server = RunningServer.start(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"),
                "CHAT_HTTP_HEAD_SECONDS", "1"))) {
            RawHttp.Reply reply = RawHttp.exchange(server.server.port(),
                    "GET /chat/list-conversation/ HT".getBytes(StandardCharsets.US_ASCII), AT_MOST);
            assertThat(reply.timedOut()).as("still open after %s", AT_MOST).isFalse();
            assertThat(reply.status()).isEqualTo(-1);
            assertThat(reply.head()).isEmpty();
        }
    }
}
