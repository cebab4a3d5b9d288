package io.friendchat.adapter.rest;

import io.friendchat.adapter.rest.grizzly.RequestDeadlines;
import io.friendchat.domain.account.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that hold a connection without finishing a request (slow-loris) are cut off at the
 * request deadlines, here a second for a head or a body and four seconds idle; a body that is
 * slow but complete in time, and a keep-alive connection between requests, are served. A body
 * refused before it ends is still read and dropped after the answer, so that the client can read
 * that answer, but only so much of it and only until the body's deadline.
 */
@Timeout(60)
class StalledRequestsTest {

    private static final RequestDeadlines SHORT =
            new RequestDeadlines(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(4));
    /** Far past every deadline above, for a loaded machine: only a server that never closes reaches it. */
    private static final Duration AT_MOST = Duration.ofSeconds(15);
    private static final String MESSAGE = "{\"account\": \"ayrei1\", \"message\": \"hello\"}";

    ChatServer server;
    String token;

    @BeforeEach
    void start() {
        server = ChatServer.with().deadlines(SHORT).start();
        Account ayrei = server.add(anAccount(1, "ayrei"));
        Account ayrei1 = server.add(anAccount(2, "ayrei1"));
        server.befriend(ayrei, ayrei1);
        token = server.tokenFor(ayrei);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRequestLineTrickledByteByByteIsClosedWithoutAnAnswer() throws IOException {
        try (Raw raw = new Raw(server.port())) {
            byte[] line = ("GET /chat/list-conversation/?x=" + "y".repeat(500)).getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            int sent = 0;
            boolean closed = false;
            while (!closed && sent < line.length) {
                closed = !raw.trySend(new byte[] {line[sent++]}) || raw.closedWithin(Duration.ofMillis(200));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_MOST);
            }
            assertThat(closed).as("closed after %d of %d bytes", sent, line.length).isTrue();
            assertThat(raw.received()).isEmpty();
        }
    }

    @Test
    void headersNeverFinishedAreClosedWithoutAnAnswer() throws IOException {
        try (Raw raw = new Raw(server.port())) {
            raw.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: yes\r\n");
            assertThat(raw.closedWithin(AT_MOST)).isTrue();
            assertThat(raw.received()).isEmpty();
        }
    }

    @Test
    void aBodyThatStopsShortIsA408AndTheConnectionCloses() throws IOException {
        try (Raw raw = new Raw(server.port())) {
            raw.send(postHead("Content-Length: 100") + "{\"account\":");
            Reply reply = raw.reply();
            reply.isError(408, "invalid_request");
            assertThat(reply.header("connection")).isEqualTo("close");
            assertThat(raw.closedWithin(AT_MOST)).isTrue();
        }
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void aChunkedBodyThatNeverEndsIsA408() throws IOException {
        try (Raw raw = new Raw(server.port())) {
            raw.send(postHead("Transfer-Encoding: chunked") + "5\r\n{\"acc\r\n");
            raw.reply().isError(408, "invalid_request");
            assertThat(raw.closedWithin(AT_MOST)).isTrue();
        }
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void aBodyInPiecesThatEndsInTimeIsServed() throws Exception {
        try (Raw raw = new Raw(server.port())) {
            byte[] body = MESSAGE.getBytes(StandardCharsets.UTF_8);
            raw.send(postHead("Content-Length: " + body.length));
            for (int at = 0; at < body.length; at += 15) {
                Thread.sleep(50);
                raw.send(java.util.Arrays.copyOfRange(body, at, Math.min(body.length, at + 15)));
            }
            assertThat(raw.reply().status()).isEqualTo(200);
        }
        assertThat(server.messages.all()).hasSize(1);
    }

    @Test
    void aClientExpecting100ContinueGetsItOnceAndIsServed() throws IOException {
        try (Raw raw = new Raw(server.port())) {
            byte[] body = MESSAGE.getBytes(StandardCharsets.UTF_8);
            raw.send(postHead("Expect: 100-continue\r\nContent-Length: " + body.length));
            assertThat(raw.reply().status()).isEqualTo(100);
            raw.send(body);
            assertThat(raw.reply().status()).isEqualTo(200);
        }
        assertThat(server.messages.all()).hasSize(1);
    }

    @Test
    void aKeepAliveConnectionWaitingBetweenRequestsIsServedAgain() throws Exception {
        try (Raw raw = new Raw(server.port())) {
            for (int i = 0; i < 2; i++) {
                raw.send("GET /chat/list-conversation/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\n\r\n");
                assertThat(raw.reply().status()).isEqualTo(200);
                Thread.sleep(1_500); // past the head deadline, within the idle one
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedAtTheIdleDeadline() throws IOException {
        try (Raw raw = new Raw(server.port())) {
            assertThat(raw.closedWithin(AT_MOST)).isTrue();
            assertThat(raw.received()).isEmpty();
        }
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedWithoutWaitingForIt() throws IOException {
        try (Raw raw = new Raw(server.port())) {
            raw.send(postHead("Content-Length: 70000") + "{");
            raw.reply().isError(413, "payload_too_large");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() throws IOException {
        try (Raw raw = new Raw(server.port())) {
            raw.send(postHead("Transfer-Encoding: chunked"));
            String chunk = "x".repeat(10_000);
            for (int i = 0; i < 7; i++) {
                raw.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            }
            raw.reply().isError(413, "payload_too_large");
        }
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void aClientStillSendingAnOverLongBodyReadsThe413AndAnOrderlyClose() throws Exception {
        try (Raw raw = new Raw(server.port())) {
            byte[] piece = " ".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            raw.send(postHead("Content-Length: 2000000"));
            raw.send(piece);
            Reply reply = raw.reply();
            reply.isError(413, "payload_too_large");
            assertThat(reply.header("connection")).isEqualTo("close");
            // A server that closed with these bytes unread would reset the connection: the writes would fail.
            for (int i = 0; i < 10; i++) {
                Thread.sleep(20);
                raw.send(piece);
            }
            assertThat(raw.endsInOrder()).as("end of stream rather than a reset").isTrue();
        }
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void aClientSendingOnAndOnAfterA413IsCutOff() throws IOException {
        // A body deadline far away: only the bytes dropped can cut this client, however slow the machine.
        try (ChatServer patient = ChatServer.with()
                .deadlines(new RequestDeadlines(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(5)))
                .start();
             Raw raw = new Raw(patient.port())) {
            Account sender = patient.add(anAccount(1, "ayrei"));
            patient.befriend(sender, patient.add(anAccount(2, "ayrei1")));
            raw.send(postHead(patient.tokenFor(sender), "Content-Length: 1000000000") + "{");
            raw.reply().isError(413, "payload_too_large");
            byte[] mebibyte = new byte[1 << 20];
            int sent = 0;
            while (sent < 256 && raw.trySend(mebibyte)) {
                sent++;
            }
            assertThat(sent).as("MiB sent before the cut").isBetween(16, 255);
        }
    }

    @Test
    void aClientThatStopsAfterA413WithoutClosingIsClosedAtTheBodyDeadline() throws Exception {
        try (Raw raw = new Raw(server.port())) {
            raw.send(postHead("Content-Length: 70000") + "{");
            raw.reply().isError(413, "payload_too_large");
            long start = System.nanoTime();
            boolean cut = false;
            while (!cut && Duration.ofNanos(System.nanoTime() - start).compareTo(AT_MOST) < 0) {
                Thread.sleep(100);
                cut = !raw.trySend(new byte[] {' '});
            }
            assertThat(cut).as("writes refused once the server has closed").isTrue();
        }
    }

    /** The head of a send with the test's token, its body framed by {@code framing} (header lines). */
    private String postHead(String framing) {
        return postHead(token, framing);
    }

    private static String postHead(String bearer, String framing) {
        return "POST /chat/message/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + bearer
                + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n";
    }

    /** A plain socket that remembers what the server sent. */
    private static final class Raw implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Raw(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) AT_MOST.toMillis());
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** False when the server has already closed the connection. */
        boolean trySend(byte[] bytes) {
            try {
                send(bytes);
                return true;
            } catch (IOException closed) {
                return false;
            }
        }

        Reply reply() throws IOException {
            return Http.readReply(in);
        }

        /** True when the server closed the connection within the time; what it sent meanwhile is kept. */
        boolean closedWithin(Duration time) throws IOException {
            socket.setSoTimeout((int) time.toMillis());
            try {
                byte[] buffer = new byte[4096];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    received.write(buffer, 0, read);
                }
                return true;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            } finally {
                socket.setSoTimeout((int) AT_MOST.toMillis());
            }
        }

        /** True when the server ends the stream with a close, false when it resets the connection. */
        boolean endsInOrder() throws IOException {
            try {
                in.readAllBytes();
                return true;
            } catch (SocketTimeoutException stillOpen) {
                throw stillOpen;
            } catch (IOException reset) {
                return false;
            }
        }

        String received() {
            return received.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
