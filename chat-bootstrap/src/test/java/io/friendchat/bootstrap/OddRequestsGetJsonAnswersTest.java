package io.friendchat.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.friendchat.bootstrap.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the fuzzing found answered outside the contract (a bare 500 or 426 left open,
 * a bare 400): each now gets a JSON answer with a length, and a handshake refusal closes
 * its connection. Pinned here one by one, since the fuzzer draws them only by chance.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OddRequestsGetJsonAnswersTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private RunningServer server;
    private int port;
    private String token;

    @BeforeAll
    void start() {
        server = RunningServer.start(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat")));
        port = server.uri("/").getPort();
        token = server.token(server.createAccount("ann", "Ann A"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aHandshakeWithoutAKeyIsA400ThatClosesTheConnection() throws IOException {
        RawHttp.Reply reply = RawHttp.exchange(port, ("GET /ws/connection/?token=x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), WITHIN);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.head()).containsIgnoringCase("Connection: close");
        assertThat(json(reply.bodyText()).get("code").asText()).isEqualTo("invalid_request");
    }

    @Test
    void aHandshakeOfAnotherVersionIsA400NamingVersion13() throws IOException {
        RawHttp.Reply reply = RawHttp.exchange(port, ("GET /ws/connection/?token=x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 8\r\n\r\n").getBytes(StandardCharsets.US_ASCII), WITHIN);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.head()).containsIgnoringCase("Sec-WebSocket-Version: 13");
        assertThat(json(reply.bodyText()).get("code").asText()).isEqualTo("invalid_request");
    }

    @Test
    void aBlankContentTypeIsRefusedLikeNoneAt415() throws IOException {
        RawHttp.Reply reply = RawHttp.exchange(port, ("POST /chat/message/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: \r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII), WITHIN);
        assertThat(reply.status()).isEqualTo(415);
        assertThat(json(reply.bodyText()).get("code").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    void anAcceptOfBlankTypesIsIgnored() throws IOException {
        RawHttp.Reply reply = RawHttp.exchange(port, ("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: ,\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), WITHIN);
        assertThat(reply.status()).as(reply.head() + reply.bodyText()).isEqualTo(200);
        assertThat(json(reply.bodyText())).isEqualTo(json("{\"status\": \"UP\", \"database\": \"UP\"}"));
    }

    @Test
    void aGetWithABodyIsServedAsAGet() throws IOException {
        RawHttp.Reply reply = RawHttp.exchange(port, ("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                .getBytes(StandardCharsets.US_ASCII), WITHIN);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(json(reply.bodyText()).get("status").asText()).isEqualTo("UP");
    }
}
