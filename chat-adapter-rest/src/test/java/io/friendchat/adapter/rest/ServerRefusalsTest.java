package io.friendchat.adapter.rest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the HTTP server refuses before any resource runs (a version it does not speak, a head
 * over its limits, a broken header, CONNECT) is answered in the API's JSON error shape too,
 * with a length and a closed connection.
 */
class ServerRefusalsTest {

    ChatServer server;
    Http http;

    @BeforeEach
    void start() {
        server = ChatServer.start();
        http = new Http(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Reply refused(String request, int status, String code) {
        Reply reply = http.raw(request).isError(status, code);
        assertThat(reply.header("connection")).isEqualTo("close");
        assertThat(reply.header("content-length")).isNotNull();
        return reply;
    }

    @Test
    void anotherHttpVersionIsA505() {
        refused("GET /health HTTP/9.9\r\nHost: x\r\n\r\n", 505, "invalid_request");
    }

    @Test
    void theHttp2PrefaceIsA505() {
        refused("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, "invalid_request");
    }

    @Test
    void anExpectationOtherThan100ContinueIsA417() {
        refused("POST /chat/message/ HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", 417, "invalid_request");
    }

    @Test
    void aRequestLineWithoutAVersionAfterItsTargetIsA400() {
        Reply reply = refused("GET /chat/a b HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_request");
        assertThat(reply.json().get("error").asText()).startsWith("The request line is malformed");
        refused("GET /health HTTP/1.1 extra\r\nHost: x\r\n\r\n", 400, "invalid_request");
    }

    @Test
    void aRequestLineOverTheHeadLimitIsA414() {
        refused("GET /" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414, "invalid_request");
    }

    @Test
    void headersOverTheSizeOrCountLimitAreA431() {
        refused("GET /health HTTP/1.1\r\nHost: x\r\nX-Huge: " + "a".repeat(9_000) + "\r\n\r\n", 431, "invalid_request");
        refused("GET /health HTTP/1.1\r\nHost: x\r\n" + "X-Many: 1\r\n".repeat(101) + "\r\n", 431, "invalid_request");
    }

    @Test
    void aControlCharacterInAHeaderIsA400() {
        for (char control : new char[] {'\u0000', '\u0001', '\r', '\u001b', '\u007f'}) {
            refused("GET /health HTTP/1.1\r\nHost: x\r\nX-Odd: a" + control + "b\r\n\r\n", 400, "invalid_request");
        }
        assertThat(http.raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Tab: a\tb\r\nConnection: close\r\n\r\n").status())
                .isEqualTo(200);
    }

    @Test
    void aMalformedContentLengthIsA400() {
        for (String length : new String[] {"abc", "-1", "1, 2", "0x10", "99999999999999999999"}) {
            Reply reply = refused("POST /chat/message/ HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n",
                    400, "invalid_request");
            assertThat(reply.json().get("error").asText()).contains("Content-Length");
        }
    }

    @Test
    void aMalformedChunkedBodyIsA400() {
        refused("POST /chat/message/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400, "invalid_request");
    }

    @Test
    void connectIsA405WithALengthAndTheConnectionCloses() {
        Reply reply = refused("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 405,
                "method_not_allowed");
        assertThat(reply.header("allow")).isEmpty();
    }
}
