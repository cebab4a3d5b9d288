package io.friendchat.adapter.rest;

import io.friendchat.domain.account.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests a web server usually answers by itself: here they get the API's JSON too. */
class MalformedRequestTest {

    ChatServer server;
    Http http;
    Account ayrei;
    String token;

    @BeforeEach
    void start() {
        server = ChatServer.start();
        http = new Http(server);
        ayrei = server.add(anAccount(1, "ayrei"));
        Account ayrei1 = server.add(anAccount(2, "ayrei1"));
        server.befriend(ayrei, ayrei1);
        token = server.tokenFor(ayrei);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Reply get(String target) {
        return http.raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aBadPercentEscapeIsA400Json() {
        for (String target : new String[] {"/chat/conversation/?account=%zz", "/chat/conversation/?account=ayrei1%",
                "/chat/conversation/?account=%4", "/chat/conver%ZZsation/", "/chat/%", "/%G0"}) {
            get(target).isError(400, "invalid_request");
        }
    }

    /** API.md's order: the path (404), then the token (401), then the parameters (400). */
    @Test
    void aBadEscapeInTheQueryComesAfterThePathAndTheToken() {
        http.raw("GET /chat/conversation/?account=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .isError(401, "unauthorized");
        get("/nowhere/?account=%zz").isError(404, "not_found");
        get("/chat/conversation/?account=%zz").isError(400, "invalid_request");
        get("/chat/list-conversation/?x=%4").isError(400, "invalid_request");
    }

    @Test
    void escapesThatAreNotUtf8AreA400() {
        get("/chat/conversation/?account=%C3%28").isError(400, "invalid_request");
        get("/chat/conversation/?account=%ED%A0%80").isError(400, "invalid_request");
    }

    @Test
    void aQueryParameterGivenTwiceIsA400OnEveryChatEndpoint() {
        get("/chat/list-conversation/?x=1&x=2").isError(400, "invalid_request");
        get("/chat/conversation/?account=ayrei1&account=ayrei1").isError(400, "invalid_request");
        http.post("/chat/message/?x=1&x=1").token(token).json("{\"account\":\"ayrei1\",\"message\":\"x\"}").send()
                .isError(400, "invalid_request");
        http.post("/chat/read/?x=1&x=1").token(token).json("{\"account\":\"ayrei1\",\"up_to\":1}").send()
                .isError(400, "invalid_request");
        assertThat(server.messages.all()).isEmpty();
        assertThat(get("/chat/list-conversation/?x=1&y=1").status()).isEqualTo(200);
    }

    @Test
    void aPlainRequestToTheSocketPathIsA400() {
        for (String target : new String[] {"/ws/connection/", "/ws/connection", "/ws/connection/?token=abc"}) {
            get(target).isError(400, "invalid_request");
        }
        http.post("/ws/connection/").json("{}").send().isError(405, "method_not_allowed");
    }

    @Test
    void errorsAreJsonWhateverTheAcceptHeader() {
        for (String accept : new String[] {"text/html", "application/xml", "text/plain;q=1, */*;q=0", "image/png",
                "garbage;;;", "*/*"}) {
            http.get("/chat/nope/").header("Accept", accept).send().isError(404, "not_found");
            http.get("/chat/list-conversation/").header("Accept", accept).send().isError(401, "unauthorized");
            http.method("PUT", "/chat/message/").header("Accept", accept).send().isError(405, "method_not_allowed");
            Reply ok = http.get("/chat/list-conversation/").header("Accept", accept).token(token).send();
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json().get("vide").booleanValue()).isTrue();
        }
    }

    @Test
    void everyPathAnswersWithAndWithoutItsTrailingSlash() {
        for (String path : new String[] {"/chat/conversation/?account=ayrei1", "/chat/conversation?account=ayrei1",
                "/chat/list-conversation/", "/chat/list-conversation", "/health/", "/health"}) {
            assertThat(http.get(path).token(token).send().status()).as(path).isEqualTo(200);
        }
        for (String path : new String[] {"/chat/message/", "/chat/message"}) {
            assertThat(http.post(path).token(token).json("{\"account\":\"ayrei1\",\"message\":\"x\"}").send().status())
                    .as(path).isEqualTo(200);
        }
        for (String path : new String[] {"/chat/read/", "/chat/read"}) {
            assertThat(http.post(path).token(token).json("{\"account\":\"ayrei1\",\"up_to\":1}").send().status())
                    .as(path).isEqualTo(200);
        }
    }

    @Test
    @Timeout(10)
    void aHundredGigabyteBodyIsRefusedAtOnce() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /chat/message/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 107374182400\r\n\r\n{\"account\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();

            Reply reply = Http.readReply(in).isError(413, "payload_too_large");
            assertThat(reply.header("Connection")).isEqualTo("close");
            // The rest of the body is not awaited: the server closes the connection.
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void aBodyLeftUnreadClosesTheConnectionAndAReadOneKeepsIt() {
        Reply refused = http.post("/chat/message/").json("{\"account\":\"ayrei1\",\"message\":\"x\"}").send()
                .isError(401, "unauthorized");
        assertThat(refused.header("Connection")).isEqualTo("close");

        Reply sent = http.post("/chat/message/").token(token).json("{\"account\":\"ayrei1\",\"message\":\"x\"}")
                .send();
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.header("Connection")).isNull();
        assertThat(http.get("/chat/list-conversation/").send().header("Connection")).isNull();
    }

    @Test
    void aDeclaredLengthBeyondAnyNumberIsRefused() {
        Reply reply = http.raw(("POST /chat/message/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999999999\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(5));

        assertThat(reply.status()).isIn(400, 413);
    }

    @Test
    @Timeout(10)
    void aChunkedBodyIsCountedWhileItArrives() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /chat/message/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("4000\r\n" + " ".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 5; i++) {
                out.write(chunk);
            }
            out.flush();

            Http.readReply(socket.getInputStream()).isError(413, "payload_too_large");
        }
    }

    @Test
    void aSmallChunkedBodyIsRead() {
        String json = "{\"account\":\"ayrei1\",\"message\":\"chunked\"}";
        Reply reply = http.raw("POST /chat/message/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(10) + "\r\n" + json.substring(0, 10) + "\r\n"
                + Integer.toHexString(json.length() - 10) + "\r\n" + json.substring(10) + "\r\n0\r\n\r\n");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(server.messages.all().get(0).text()).isEqualTo("chunked");
    }

    @Test
    @Timeout(30)
    void aBodyThatStopsArrivingIsGivenUpOn() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /chat/message/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"account\":")
                    .getBytes(StandardCharsets.US_ASCII));

            // The default body deadline (10 s of the head), as the standalone server has it.
            Reply reply = Http.readReply(socket.getInputStream()).isError(408, "invalid_request");
            assertThat(reply.header("Connection")).isEqualTo("close");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void aMalformedContentTypeIsA415InItsTurn() {
        for (String type : new String[] {"garbage", "application/json;;;==", "/", "application/"}) {
            http.post("/chat/message/").body(type, "{}").send().isError(401, "unauthorized");
            http.post("/chat/message/").token(token).body(type, "{}").send().isError(415, "unsupported_media_type");
        }
        Reply twoTypes = http.raw("POST /chat/message/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}");
        twoTypes.isError(415, "unsupported_media_type");
    }
}
