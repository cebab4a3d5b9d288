package io.friendchat.bootstrap;

import io.friendchat.adapter.rest.grizzly.RequestDeadlines;
import io.friendchat.domain.account.Account;
import io.friendchat.testkit.InMemoryDirectory;
import io.friendchat.testkit.InMemoryMessageStore;
import io.friendchat.testkit.StaticTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole server (REST and WebSocket on one port) with short request deadlines: a second
 * for a request's head and for its body, three seconds idle. A client that holds a connection
 * by never finishing a request is cut off; an open WebSocket and a keep-alive connection
 * between quick requests are not.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsAreCutOffTest {

    private static final RequestDeadlines DEADLINES =
            new RequestDeadlines(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3));
    /** Far past every deadline, for a loaded machine: only a server that never closes reaches it. */
    private static final Duration AT_MOST = Duration.ofSeconds(15);

    private final InMemoryDirectory accounts = new InMemoryDirectory();
    private final InMemoryMessageStore messages = new InMemoryMessageStore();
    private final StaticTokens tokens = new StaticTokens();
    private FriendChat chat;
    private ChatServer server;
    private String annToken;
    private String bobToken;

    @BeforeAll
    void start() {
        Account ann = accounts.add(anAccount(1, "ann").build());
        Account bob = accounts.add(anAccount(2, "bob").build());
        accounts.befriend(ann.id(), bob.id());
        annToken = tokens.issue(ann.id());
        bobToken = tokens.issue(bob.id());
        chat = FriendChat.builder().accounts(accounts).friendships(accounts).messages(messages)
                .tokenVerifier(tokens).rateLimit(0).build();
        server = ChatServer.start(chat, "127.0.0.1", 0, 4, false, DEADLINES);
        // Warm up, so that no first request of a test waits on the server's start-up work.
        assertThat(RunningServer.remote(server.baseUri()).get("/health", null).status()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aRequestLineTrickledByteByByteIsClosedWithoutAnAnswer() throws IOException {
        byte[] line = ("GET /chat/list-conversation/?page=" + "x".repeat(200)).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = connect()) {
            int sent = 0;
            boolean closed = false;
            long start = System.nanoTime();
            while (!closed && sent < line.length) {
                try {
                    socket.getOutputStream().write(line[sent++]);
                    closed = closedWithin(socket, Duration.ofMillis(200), new ByteArrayOutputStream());
                } catch (IOException reset) {
                    closed = true;
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_MOST);
            }
            assertThat(closed).as("closed after %d of %d bytes", sent, line.length).isTrue();
        }
    }

    @Test
    void aBodyThatStopsShortIsA408AndTheConnectionCloses() throws IOException {
        int stored = messages.all().size();
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /chat/message/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + annToken + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"account\":")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            assertThat(closedWithin(socket, AT_MOST, received)).isTrue();
            String body = "{\"error\":\"The request body did not arrive in full within 1 second of its headers: "
                    + "send the whole body right after them.\",\"code\":\"invalid_request\"}";
            assertThat(received.toString(StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .contains("\r\nContent-Type: application/json\r\n", "\r\nConnection: close\r\n",
                            "\r\nContent-Length: " + body.length() + "\r\n")
                    .endsWith("\r\n\r\n" + body);
        }
        assertThat(messages.all()).hasSize(stored);
    }

    @Test
    void anOpenWebSocketOutlivesEveryDeadline() throws Exception {
        try (SocketClient bob = SocketClient.connect(URI.create("ws" + server.baseUri().toString().substring(4)
                + "ws/connection/?token=" + bobToken))) {
            Thread.sleep(4_500); // past the head, body and idle deadlines
            assertThat(bob.closed).isNotDone();
            RunningServer.Answer sent = RunningServer.remote(server.baseUri()).send("POST", "/chat/message/", annToken,
                    "{\"account\": \"bob\", \"message\": \"still there?\"}");
            assertThat(sent.status()).isEqualTo(200);
            assertThat(RunningServer.json(bob.next()).get("message").asText()).isEqualTo("still there?");
        }
    }

    @Test
    void aKeepAliveConnectionSendingQuickRequestsSlowlyIsServedEachTime() throws Exception {
        try (Socket socket = connect()) {
            for (int i = 0; i < 2; i++) {
                socket.getOutputStream().write(("GET /chat/list-conversation/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + annToken + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = readAnswer(socket.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n");
                Thread.sleep(1_500); // past the head deadline, within the idle one
            }
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout((int) AT_MOST.toMillis());
        return socket;
    }

    /** Reads until the server closes, within the time; true when it did. */
    private static boolean closedWithin(Socket socket, Duration time, ByteArrayOutputStream received)
            throws IOException {
        socket.setSoTimeout((int) time.toMillis());
        try {
            InputStream in = socket.getInputStream();
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

    /** One answer with a Content-Length, head and body. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int at = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length: ");
        int length = Integer.parseInt(text.substring(at + 16, text.indexOf("\r\n", at)).trim());
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
