package io.friendchat.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sockets whose client stops reading, or vanishes without a close frame (with a reset,
 * or silently behind a cut network), are dropped by the keep-alive: the account shows
 * offline over REST within about two ping periods, and the socket and its backlog leave
 * the registry. The server runs with a ping every second.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadClientsAreReapedTest {

    private static final Duration PING = Duration.ofSeconds(1);
    /**
     * Two periods (a ping, then a period to answer it), plus the keep-alive's round of an
     * eighth of a period on each of the two steps, plus two seconds for a loaded machine.
     */
    private static final Duration REAPED_WITHIN = PING.multipliedBy(2).plus(PING.dividedBy(4)).plusSeconds(2);

    @TempDir
    static Path dir;
    private RunningServer server;

    @BeforeAll
    void start() {
        server = RunningServer.start(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"),
                "CHAT_RATE_LIMIT", "0", "CHAT_WS_PING_SECONDS", Long.toString(PING.toSeconds())));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedAndItsBacklogFreed() throws Exception {
        Pair pair = Pair.of(server, "reader");
        int before = openSockets();
        // A small receive buffer and no reading at all: pings go unanswered and events pile up.
        try (RawWebSocket stalled = RawWebSocket.open(port(), pair.deadToken(), 4096)) {
            pair.awaitOnline(server);
            long stoppedAt = System.nanoTime();
            assertThat(openSockets()).isEqualTo(before + 1);
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 300; i++) {
                    assertThat(server.sendMessage(pair.friendToken(), pair.dead(),
                            "unread " + i + " " + "x".repeat(200), null).status()).isEqualTo(200);
                }
            });
            Duration reaped = pair.awaitOffline(server, stoppedAt);
            flood.get(60, TimeUnit.SECONDS);
            System.out.println("a client that stopped reading was dropped after " + reaped.toMillis() + " ms");
            assertThat(reaped).isLessThan(REAPED_WITHIN);
            assertThat(awaitOpenSockets(before)).as("sockets registered").isEqualTo(before);
        }
    }

    @Test
    void aClientThatVanishesWithAResetIsDropped() throws Exception {
        Pair pair = Pair.of(server, "reset");
        int before = openSockets();
        RawWebSocket socket = RawWebSocket.open(port(), pair.deadToken(), 0);
        pair.awaitOnline(server);
        long vanishedAt = System.nanoTime();
        socket.vanish();
        Duration reaped = pair.awaitOffline(server, vanishedAt);
        System.out.println("a client that vanished with a reset was dropped after " + reaped.toMillis() + " ms");
        assertThat(reaped).isLessThan(REAPED_WITHIN);
        assertThat(awaitOpenSockets(before)).isEqualTo(before);
    }

    @Test
    void aClientBehindACutNetworkIsDropped() throws Exception {
        Pair pair = Pair.of(server, "cut");
        int before = openSockets();
        try (TcpProxy network = TcpProxy.to("127.0.0.1", port());
             SocketClient client = SocketClient.connect(URI.create("ws://127.0.0.1:" + network.port()
                     + "/ws/connection/?token=" + pair.deadToken()))) {
            pair.awaitOnline(server);
            // A healthy client answers pings: still online after several periods.
            Thread.sleep(PING.multipliedBy(3).toMillis());
            assertThat(pair.friendSeesOnline(server)).as("online while answering pings").isTrue();
            long cutAt = System.nanoTime();
            network.partition();
            Duration reaped = pair.awaitOffline(server, cutAt);
            System.out.println("a client behind a cut network was dropped after " + reaped.toMillis() + " ms");
            assertThat(reaped).isLessThan(REAPED_WITHIN);
            assertThat(awaitOpenSockets(before)).isEqualTo(before);
            assertThat(client.closed).as("the client never heard a close").isNotDone();
        }
    }

    private int port() {
        return server.uri("/").getPort();
    }

    private int openSockets() {
        return server.server.chat().liveSessions().openSockets();
    }

    private int awaitOpenSockets(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (openSockets() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return openSockets();
    }

    /** A friend who watches, over REST, whether the other one is online. */
    private record Pair(String dead, String deadToken, String friend, String friendToken) {

        static Pair of(RunningServer server, String name) {
            long dead = server.createAccount(name, "Dead " + name);
            long friend = server.createAccount(name + "_friend", "Friend of " + name);
            server.befriend(name, name + "_friend");
            Pair pair = new Pair(name, server.token(dead), name + "_friend", server.token(friend));
            // A conversation must exist for sender-info (and its "online") to be shown.
            assertThat(server.sendMessage(pair.friendToken(), name, "hello", null).status()).isEqualTo(200);
            return pair;
        }

        boolean friendSeesOnline(RunningServer server) {
            RunningServer.Answer answer = server.get("/chat/conversation/?account=" + dead + "&limit=1", friendToken);
            assertThat(answer.status()).isEqualTo(200);
            return answer.body().get("sender-info").get("online").asBoolean();
        }

        /**
         * The 101 reaches the client before the socket's start (counting it online) has run
         * on a worker thread, so a fast client can ask before it counts.
         */
        void awaitOnline(RunningServer server) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!friendSeesOnline(server)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(dead + " not online 10 s after its socket opened");
                }
                Thread.sleep(10);
            }
        }

        Duration awaitOffline(RunningServer server, long since) throws InterruptedException {
            long deadline = since + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                if (!friendSeesOnline(server)) {
                    return Duration.ofNanos(System.nanoTime() - since);
                }
                Thread.sleep(20);
            }
            throw new AssertionError(dead + " still online 30 s later");
        }
    }
}
