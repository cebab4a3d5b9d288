package io.friendchat.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.friendchat.bootstrap.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the fuzzing found answered outside the contract (a bare 500 or 426 left open,
 * a bare 400 or 505, a CONNECT answered without a length on a connection left open, a
 * body that never comes held for ever): each now gets a JSON answer with a length, and a
 * refusal closes its connection. Pinned here one by one, since the fuzzer draws them only
 * by chance.
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
    void theChatPageAndTheMetricsRefuseAMalformedOrRepeatedQueryAsEveryPathDoes() throws IOException {
        for (String path : List.of("/", "/index.html", "/app.css", "/metrics")) {
            // Sent raw: no URI class lets "%zz" through.
            RawHttp.Reply badEscape = RawHttp.exchange(port, ("GET " + path + "?x=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), WITHIN);
            assertThat(badEscape.status()).as(path).isEqualTo(400);
            assertThat(json(badEscape.bodyText())).as(path).isEqualTo(json(
                    "{\"error\": \"The query has a bad % escape.\", \"code\": \"invalid_request\"}"));
            RunningServer.Answer twice = server.get(path + "?x=1&x=2", null);
            assertThat(twice.status()).as(path).isEqualTo(400);
            assertThat(twice.body()).as(path).isEqualTo(json(
                    "{\"error\": \"The query gives 'x' twice: give it once.\", \"code\": \"invalid_request\"}"));
            assertThat(RawHttp.exchange(port, ("GET " + path + "?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), WITHIN).status())
                    .as(path).isEqualTo(200);
        }
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

    @Test
    void anotherHttpVersionIsA505WithAJsonBody() throws IOException {
        untilClosed("GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", WITHIN).is("HTTP/1.1 505 HTTP Version Not Supported",
                "{\"error\":\"This server speaks HTTP/1.1 and HTTP/1.0 only.\",\"code\":\"invalid_request\"}");
    }

    @Test
    void aRawSpaceInTheTargetIsA400MalformedRequestLine() throws IOException {
        untilClosed("GET /chat/list conversation/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", WITHIN).is(
                "HTTP/1.1 400 Bad Request", "{\"error\":\"The request line is malformed: send METHOD /path HTTP/1.1, "
                        + "with the path percent-encoded.\",\"code\":\"invalid_request\"}");
    }

    @Test
    void headersOver8KiBOrOver100FieldsAreA431() throws IOException {
        String body = "{\"error\":\"The request headers are over 8,192 bytes or 100 fields: send fewer or shorter "
                + "headers.\",\"code\":\"invalid_request\"}";
        untilClosed("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Huge: " + "a".repeat(9_000) + "\r\n\r\n", WITHIN)
                .is("HTTP/1.1 431 Request Header Fields Too Large", body);
        untilClosed("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "X-Many: 1\r\n".repeat(101) + "\r\n", WITHIN)
                .is("HTTP/1.1 431 Request Header Fields Too Large", body);
    }

    @Test
    void aRequestLineOver8KiBIsA414() throws IOException {
        untilClosed("GET /" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", WITHIN).is(
                "HTTP/1.1 414 Request-URI Too Long",
                "{\"error\":\"The request line is over 8,192 bytes: send a shorter URL.\","
                        + "\"code\":\"invalid_request\"}");
    }

    @Test
    void aControlCharacterInAHeaderValueIsA400() throws IOException {
        untilClosed("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Odd: a\u0000b\r\n\r\n", WITHIN).is(
                "HTTP/1.1 400 Bad Request", "{\"error\":\"A header line is malformed or holds a control character: "
                        + "send name: value lines of printable text.\",\"code\":\"invalid_request\"}");
    }

    @Test
    void aMalformedContentLengthIsA400() throws IOException {
        untilClosed("POST /chat/message/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1, 2\r\n\r\n{}", WITHIN).is("HTTP/1.1 400 Bad Request",
                "{\"error\":\"The Content-Length header is not a number of bytes.\",\"code\":\"invalid_request\"}");
    }

    @Test
    void connectIsA405WithALengthAndTheConnectionCloses() throws IOException {
        Closed answer = untilClosed("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", WITHIN);
        answer.is("HTTP/1.1 405 Method Not Allowed",
                "{\"error\":\"This server is not a proxy: CONNECT is not served here.\","
                        + "\"code\":\"method_not_allowed\"}");
        assertThat(answer.headers()).contains("Allow: ");
    }

    @Test
    void aBodyThatStopsShortIsA408AtTheBodyDeadline() throws IOException {
        // The standalone server's body deadline: 10 s from the end of the headers.
        untilClosed("POST /chat/message/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"account\":",
                Duration.ofSeconds(25)).is("HTTP/1.1 408 Request Timeout", "{\"error\":\"The request body did not "
                + "arrive in full within 10 seconds of its headers: send the whole body right after them.\","
                + "\"code\":\"invalid_request\"}");
        assertThat(server.get("/chat/list-conversation/", token).body())
                .isEqualTo(json("{\"vide\": true, \"info\": []}"));
    }

    /** Everything the server sent before it closed the connection: status line, headers (Date aside), body. */
    private record Closed(String statusLine, List<String> headers, String body) {

        /** Asserts an error answer whole: its status line, JSON type, length, closing and body, byte for byte. */
        void is(String expectedStatusLine, String expectedBody) {
            assertThat(statusLine).isEqualTo(expectedStatusLine);
            assertThat(headers).contains("Content-Type: application/json", "Connection: close",
                    "Content-Length: " + expectedBody.getBytes(StandardCharsets.UTF_8).length);
            assertThat(body).isEqualTo(expectedBody);
        }
    }

    /** Sends the request and reads until the server closes the connection; fails when it does not within the time. */
    private Closed untilClosed(String request, Duration within) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) within.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            byte[] received;
            try {
                received = socket.getInputStream().readAllBytes();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection was still open after " + within.toSeconds() + " s", e);
            }
            String text = new String(received, StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            assertThat(headEnd).as("an answer's head in: " + text).isPositive();
            List<String> lines = List.of(text.substring(0, headEnd).split("\r\n"));
            return new Closed(lines.get(0), lines.subList(1, lines.size()).stream()
                    .filter(line -> !line.startsWith("Date: ")).toList(), text.substring(headEnd + 4));
        }
    }
}
