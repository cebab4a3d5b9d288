package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability under SIGKILL, on the real jar: several clients send while the
 * process is killed mid-stream; after a restart on the same database every
 * message that got a 200 is there exactly once, in id order, and the inbox
 * (latest message, unread count) agrees with the messages.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KilledServerKeepsEveryAcknowledgedMessageIT {

    private static final int SENDERS = 6;
    private static final int RECEIVERS = 3;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;

    @Test
    void onAnH2File(@TempDir Path dir) throws Exception {
        sendKillRestartAndCheck(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat")));
    }

    @Test
    void onPostgreSql() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip()) {
            sendKillRestartAndCheck(schema.serverSettings(Map.of()));
        }
    }

    /** What one sending client saw: the sends answered 200, and the one left without an answer by the kill. */
    private static final class Sender {
        final String name;
        final String receiver;
        final List<JsonNode> acknowledged = new ArrayList<>();
        final Map<String, Long> acknowledgedIds = new HashMap<>();
        volatile String unanswered;
        volatile String unexpected;

        Sender(String name, String receiver) {
            this.name = name;
            this.receiver = receiver;
        }
    }

    private void sendKillRestartAndCheck(Map<String, String> database) throws Exception {
        List<Sender> senders = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        ServerProcess first = ServerProcess.start(database);
        try {
            RunningServer client = RunningServer.remote(first.baseUri());
            for (int r = 0; r < RECEIVERS; r++) {
                ids.put("receiver" + r, client.createAccount("receiver" + r, "Receiver " + r));
            }
            for (int s = 0; s < SENDERS; s++) {
                String name = "sender" + s;
                ids.put(name, client.createAccount(name, "Sender " + s));
                // Two senders per receiver: their sends contend for the receiver's mailbox lock.
                Sender sender = new Sender(name, "receiver" + (s % RECEIVERS));
                client.befriend(name, sender.receiver);
                senders.add(sender);
            }
            AtomicInteger acknowledged = new AtomicInteger();
            CountDownLatch enough = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (Sender sender : senders) {
                Thread thread = new Thread(() -> sendUntilKilled(client, client.token(ids.get(sender.name)), sender,
                        acknowledged, enough), "sender-" + sender.name);
                thread.start();
                threads.add(thread);
            }
            assertThat(enough.await(120, TimeUnit.SECONDS)).as("%s sends acknowledged before the kill",
                    ACKNOWLEDGED_BEFORE_KILL).isTrue();
            first.kill();
            for (Thread thread : threads) {
                thread.join(30_000);
                assertThat(thread.isAlive()).as("a sender still waiting after the kill").isFalse();
            }
        } finally {
            first.kill();
        }
        for (Sender sender : senders) {
            assertThat(sender.unexpected).as("an answer other than 200 before the kill").isNull();
        }

        try (ServerProcess second = ServerProcess.start(database)) {
            RunningServer client = RunningServer.remote(second.baseUri());
            long highest = 0;
            int stored = 0;
            for (Sender sender : senders) {
                highest = Math.max(highest, checkConversation(client, ids, sender));
                stored += client.history(client.token(ids.get(sender.receiver)), sender.name)
                        .size();
            }
            System.out.printf("%s: %d sends acknowledged before SIGKILL, %d left unanswered, %d stored after restart%n",
                    database.get("CHAT_DB_URL").startsWith("jdbc:h2") ? "H2" : "PostgreSQL",
                    senders.stream().mapToInt(sender -> sender.acknowledged.size()).sum(),
                    senders.stream().filter(sender -> sender.unanswered != null).count(), stored);
            for (int r = 0; r < RECEIVERS; r++) {
                checkInbox(client, ids, "receiver" + r, senders);
            }
            for (Sender sender : senders) {
                retryTheUnansweredSend(client, ids, sender);
            }
            RunningServer.Answer after = client.sendMessage(client.token(ids.get("sender0")), "receiver0",
                    "after the restart", null);
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.body().get("id").asLong()).as("an id after the restart").isGreaterThan(highest);
        }
    }

    private static void sendUntilKilled(RunningServer client, String token, Sender sender, AtomicInteger acknowledged,
                                        CountDownLatch enough) {
        for (int n = 0; n < 900; n++) {
            String text = sender.name + "-" + n;
            sender.unanswered = text;
            RunningServer.Answer answer;
            try {
                answer = client.sendMessage(token, sender.receiver, text, text);
            } catch (RuntimeException killed) {
                return;
            }
            if (answer.status() != 200) {
                sender.unexpected = answer.status() + " " + answer.body();
                return;
            }
            sender.unanswered = null;
            sender.acknowledged.add(answer.body());
            sender.acknowledgedIds.put(text, answer.body().get("id").asLong());
            if (acknowledged.incrementAndGet() == ACKNOWLEDGED_BEFORE_KILL) {
                enough.countDown();
            }
        }
    }

    /** Returns the highest id in the conversation. */
    private static long checkConversation(RunningServer client, Map<String, Long> ids, Sender sender) {
        List<JsonNode> history = client.history(client.token(ids.get(sender.receiver)),
                sender.name);
        long previous = 0;
        Set<String> texts = new HashSet<>();
        for (JsonNode message : history) {
            long id = message.get("id").asLong();
            String text = message.get("message").asText();
            assertThat(id).as("ids in order").isGreaterThan(previous);
            previous = id;
            assertThat(texts.add(text)).as("%s stored twice", text).isTrue();
            assertThat(sender.acknowledgedIds.containsKey(text) || text.equals(sender.unanswered))
                    .as("%s was neither acknowledged nor in flight", text).isTrue();
        }
        Map<String, JsonNode> byText = new HashMap<>();
        history.forEach(message -> byText.put(message.get("message").asText(), message));
        for (JsonNode answer : sender.acknowledged) {
            long id = answer.get("id").asLong();
            JsonNode stored = history.stream().filter(message -> message.get("id").asLong() == id).findFirst()
                    .orElseThrow(() -> new AssertionError("acknowledged message " + id + " of " + sender.name
                            + " is lost"));
            assertThat(stored.get("time").asText()).isEqualTo(answer.get("time").asText());
            assertThat(sender.acknowledgedIds.get(stored.get("message").asText())).isEqualTo(id);
            assertThat(stored.get("sender").asText()).isEqualTo(sender.name);
        }
        assertThat(history.size()).isBetween(sender.acknowledged.size(), sender.acknowledged.size() + 1);
        return previous;
    }

    /** Each row's latest message is the conversation's last one, and its unread count is all of them. */
    private static void checkInbox(RunningServer client, Map<String, Long> ids, String receiver,
                                   List<Sender> senders) {
        String token = client.token(ids.get(receiver));
        RunningServer.Answer inbox = client.get("/chat/list-conversation/", token);
        assertThat(inbox.status()).isEqualTo(200);
        Map<String, JsonNode> rows = new ConcurrentHashMap<>();
        inbox.body().get("info").forEach(row -> rows.put(row.get("on_talk").asText(), row));
        for (Sender sender : senders) {
            if (!sender.receiver.equals(receiver)) {
                continue;
            }
            List<JsonNode> history = client.history(token, sender.name);
            JsonNode row = rows.get(sender.name);
            if (history.isEmpty()) {
                assertThat(row).isNull();
                continue;
            }
            JsonNode last = history.get(history.size() - 1);
            assertThat(row).as("inbox row for %s", sender.name).isNotNull();
            assertThat(row.get("message").asText()).isEqualTo(last.get("message").asText());
            assertThat(row.get("time").asText()).isEqualTo(last.get("time").asText());
            assertThat(row.get("unread").asInt()).as("unread from %s", sender.name).isEqualTo(history.size());
        }
    }

    /** The send the kill left unanswered is safe to retry: stored once, whether or not it was before. */
    private static void retryTheUnansweredSend(RunningServer client, Map<String, Long> ids, Sender sender) {
        String text = sender.unanswered;
        if (text == null) {
            return;
        }
        String token = client.token(ids.get(sender.name));
        RunningServer.Answer retry = client.sendMessage(token, sender.receiver, text, text);
        assertThat(retry.status()).isEqualTo(200);
        List<JsonNode> history = client.history(client.token(ids.get(sender.receiver)),
                sender.name);
        assertThat(history.stream().filter(message -> message.get("message").asText().equals(text))
                .map(message -> message.get("id").asLong()))
                .containsExactly(retry.body().get("id").asLong());
    }
}
