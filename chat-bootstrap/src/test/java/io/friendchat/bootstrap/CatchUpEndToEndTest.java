package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Catch-up without gaps on the real server: eight friends send concurrently while
 * the receiver's client drops and reconnects with {@code after=<last id seen>} over
 * and over; in the end it has received every stored message exactly once, in
 * increasing id order. On one node (H2, PostgreSQL) and across three nodes, where the
 * senders post through every node and the receiver reconnects to each in turn.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CatchUpEndToEndTest {

    private static final int SENDERS = 8;
    private static final int MESSAGES_EACH = 40;

    @Test
    void reconnectingWithAfterMissesNothingOnH2(@TempDir Path dir) throws Exception {
        reconnectUnderLoad(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"), "CHAT_RATE_LIMIT", "0"));
    }

    @Test
    void reconnectingWithAfterMissesNothingOnPostgreSql() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip()) {
            reconnectUnderLoad(schema.serverSettings(Map.of("CHAT_RATE_LIMIT", "0")));
        }
    }

    @Test
    void reconnectingWithAfterMissesNothingAcrossThreeNodes() throws Exception {
        // Senders post through every node and the receiver reconnects to each in turn: ids committed on one
        // node reach a socket on another through Redis, behind or ahead of that node's own.
        try (ThreeNodes three = ThreeNodes.start(Map.of("CHAT_RATE_LIMIT", "0"))) {
            reconnectUnderLoad(three.nodes());
        }
    }

    private void reconnectUnderLoad(Map<String, String> settings) throws Exception {
        try (RunningServer server = RunningServer.start(settings)) {
            reconnectUnderLoad(List.of(server));
        }
    }

    /** Accounts are made through the first node; sender i posts through node i, the receiver cycles through them. */
    private void reconnectUnderLoad(List<RunningServer> nodes) throws Exception {
        RunningServer server = nodes.get(0);
        long receiver = server.createAccount("receiver", "Rita Receiver");
        List<String> senderTokens = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            long sender = server.createAccount("sender" + i, "Sender " + i);
            server.befriend("sender" + i, "receiver");
            senderTokens.add(server.token(sender));
        }
        String receiverToken = server.token(receiver);
        Set<Long> acknowledged = new ConcurrentSkipListSet<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> senders = new ArrayList<>();
        for (int i = 0; i < senderTokens.size(); i++) {
            String token = senderTokens.get(i);
            RunningServer through = nodes.get(i % nodes.size());
            senders.add(pool.submit(() -> {
                for (int m = 0; m < MESSAGES_EACH; m++) {
                    RunningServer.Answer sent = through.send("POST", "/chat/message/", token,
                            "{\"account\": \"receiver\", \"message\": \"m" + m + "\"}");
                    assertThat(sent.status()).isEqualTo(200);
                    acknowledged.add(sent.body().get("id").asLong());
                }
                return null;
            }));
        }

        List<Long> received = new ArrayList<>();
        long lastSeen = 0;
        int connections = 0;
        while (sending.get()) {
            lastSeen = listenOnce(nodes.get(connections % nodes.size()), receiverToken, lastSeen, received,
                    ThreadLocalRandom.current().nextInt(20, 150));
            connections++;
            sending.set(senders.stream().anyMatch(f -> !f.isDone()));
        }
        for (Future<?> sender : senders) {
            sender.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // One last connection catches up whatever committed after the previous one closed.
        listenOnce(nodes.get(connections % nodes.size()), receiverToken, lastSeen, received, 1500);

        assertThat(connections).isGreaterThan(1);
        assertThat(acknowledged).hasSize(SENDERS * MESSAGES_EACH);
        assertThat(received).as("each id once, in increasing order").isSorted().doesNotHaveDuplicates();
        assertThat(new TreeSet<>(received)).isEqualTo(new TreeSet<>(acknowledged));
    }

    /** Connects with after=lastSeen, collects NEW_MESSAGE ids for a while, closes; returns the last id seen. */
    private static long listenOnce(RunningServer server, String token, long lastSeen, List<Long> received,
                                   int millis) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + server.server.port() + "/ws/connection/?token=" + token
                + "&after=" + lastSeen);
        long last = lastSeen;
        try (SocketClient client = SocketClient.connect(uri)) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (true) {
                long left = until - System.nanoTime();
                String frame = left <= 0 ? client.frames.poll() : client.frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    break;
                }
                JsonNode event = RunningServer.json(frame);
                assertThat(event.get("case").asText()).isEqualTo("NEW_MESSAGE");
                last = event.get("id").asLong();
                received.add(last);
            }
        }
        return last;
    }
}
