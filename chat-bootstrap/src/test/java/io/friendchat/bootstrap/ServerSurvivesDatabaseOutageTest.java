package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static io.friendchat.bootstrap.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL behind a proxy the test cuts: while it is down every endpoint answers
 * 503 {@code unavailable} within 2 s (health: DOWN), open sockets stay open and a new
 * one is closed with 1013; within 5 s of the database coming back the same server
 * serves again, and no acknowledged message is lost.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerSurvivesDatabaseOutageTest {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    private static final Duration SILENT_PARTITION_ANSWER_WITHIN = Duration.ofSeconds(4);
    private static final Duration BACK_WITHIN = Duration.ofSeconds(5);

    private PostgresSchema schema;
    private TcpProxy proxy;
    private RunningServer server;

    @BeforeAll
    void startTheServerBehindTheProxy() {
        schema = PostgresSchema.createOrSkip();
        proxy = TcpProxy.to("127.0.0.1", 5432);
        server = RunningServer.start(schema.serverSettingsThroughPort(proxy.port(), Map.of("CHAT_RATE_LIMIT", "0")));
    }

    @AfterAll
    void stop() throws Exception {
        try (PostgresSchema dropped = schema; TcpProxy closed = proxy; RunningServer stopped = server) {
            if (proxy != null) {
                proxy.restore();
            }
        }
    }

    @Test
    void whileTheDatabaseRefusesConnections() throws Exception {
        survive("r", proxy -> proxy.cut(TcpProxy.Outage.REFUSE), ANSWER_WITHIN);
    }

    @Test
    void whileTheDatabaseAcceptsConnectionsButNeverAnswers() throws Exception {
        survive("b", proxy -> proxy.cut(TcpProxy.Outage.BLACKHOLE), ANSWER_WITHIN);
    }

    /**
     * Pooled connections that go silent (no FIN, no RST) are noticed only by the driver's
     * 2 s socket timeout, so the first answers take a little over 2 s here: still a 503, never a hang.
     */
    @Test
    void whileTheNetworkToTheDatabaseIsSilentlyPartitioned() throws Exception {
        survive("p", TcpProxy::partition, SILENT_PARTITION_ANSWER_WITHIN);
    }

    /** Two friends and a third account of one test, under names of their own. */
    private record Cast(String ann, String bob, String cid, String annToken, String bobToken) {

        static Cast of(RunningServer server, String suffix) {
            long ann = server.createAccount("ann_" + suffix, "Ann A");
            long bob = server.createAccount("bob_" + suffix, "Bob B");
            server.createAccount("cid_" + suffix, "Cid C");
            server.befriend("ann_" + suffix, "bob_" + suffix);
            return new Cast("ann_" + suffix, "bob_" + suffix, "cid_" + suffix, server.token(ann), server.token(bob));
        }
    }

    private void survive(String suffix, Consumer<TcpProxy> outage, Duration answerWithin) throws Exception {
        Cast cast = Cast.of(server, suffix);
        try (SocketClient bobSocket = SocketClient.connect(server.socketUri(cast.bobToken(), ""));
             SteadySender steady = new SteadySender(server, cast.annToken(), cast.bob())) {
            steady.awaitAcknowledged(5);
            try {
                outage.accept(proxy);
                everyEndpointAnswers503Quickly(cast, answerWithin, false);
                assertThat(newSocketCloseCode(server, cast.bobToken())).isEqualTo(1013);
                everyEndpointAnswers503Quickly(cast, answerWithin, true);
                assertThat(bobSocket.closed).as("an open socket during the outage").isNotDone();
            } finally {
                proxy.restore();
            }
            long restoredAt = System.nanoTime();
            awaitServing(cast);
            Duration back = Duration.ofNanos(System.nanoTime() - restoredAt);
            System.out.println("served again " + back.toMillis() + " ms after the database came back");
            assertThat(back).as("time to serve again").isLessThan(BACK_WITHIN);
            steady.awaitAcknowledged(steady.acknowledged() + 5);
            steady.close();
            assertThat(steady.unexpected).as("answers other than 200 and 503").isEmpty();
            assertThat(steady.unavailable.get()).as("sends refused with 503 during the outage").isTrue();

            RunningServer.Answer after = server.sendMessage(cast.annToken(), cast.bob(), "after the outage", null);
            assertThat(after.status()).isEqualTo(200);
            assertThat(awaitEvent(bobSocket, after.body().get("id").asLong()).get("message").asText())
                    .isEqualTo("after the outage");
            assertThat(bobSocket.closed).isNotDone();
            nothingAcknowledgedIsLost(cast, steady);
        }
    }

    /** One endpoint after the other, or all at once. */
    private void everyEndpointAnswers503Quickly(Cast cast, Duration answerWithin, boolean atOnce)
            throws InterruptedException, ExecutionException {
        String admin = RunningServer.ADMIN;
        Map<String, Supplier<RunningServer.Answer>> calls = new LinkedHashMap<>();
        calls.put("conversation", () -> server.get("/chat/conversation/?account=" + cast.bob(), cast.annToken()));
        calls.put("message", () -> server.sendMessage(cast.annToken(), cast.bob(), "refused", "during-outage"));
        calls.put("list-conversation", () -> server.get("/chat/list-conversation/", cast.bobToken()));
        calls.put("read", () -> server.send("POST", "/chat/read/", cast.bobToken(),
                "{\"account\": \"" + cast.ann() + "\", \"up_to\": 1}"));
        calls.put("admin create", () -> server.send("POST", "/admin/accounts/", admin,
                "{\"username\": \"dora_" + cast.ann() + "\", \"email\": \"dora." + cast.ann() + "@example.com\"}"));
        calls.put("admin get", () -> server.get("/admin/accounts/" + cast.ann() + "/", admin));
        calls.put("admin patch", () -> server.send("PATCH", "/admin/accounts/" + cast.ann() + "/", admin,
                "{\"full_name\": \"Ann Again\"}"));
        calls.put("admin befriend", () -> server.send("PUT", "/admin/friendships/", admin,
                "{\"a\": \"" + cast.ann() + "\", \"b\": \"" + cast.cid() + "\"}"));
        calls.put("admin unfriend", () -> server.send("DELETE", "/admin/friendships/?a=" + cast.ann() + "&b="
                + cast.cid(), admin, null));
        calls.put("health", () -> server.get("/health", null));
        ExecutorService callers = Executors.newFixedThreadPool(atOnce ? calls.size() : 1);
        try {
            Map<String, Future<Timed>> answers = new LinkedHashMap<>();
            calls.forEach((name, call) -> answers.put(name, callers.submit(() -> Timed.call(call))));
            for (Map.Entry<String, Future<Timed>> entry : answers.entrySet()) {
                String name = entry.getKey();
                Timed timed = entry.getValue().get();
                RunningServer.Answer answer = timed.answer();
                assertThat(answer.status()).as("%s during the outage: %s", name, answer.body()).isEqualTo(503);
                assertThat(timed.took()).as("%s answered within", name).isLessThan(answerWithin);
                if (name.equals("health")) {
                    assertThat(answer.body()).isEqualTo(json("{\"status\": \"DOWN\", \"database\": \"DOWN\"}"));
                } else {
                    assertThat(answer.body().get("code").asText()).isEqualTo("unavailable");
                    assertThat(answer.body().get("error").asText()).isNotBlank();
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private record Timed(RunningServer.Answer answer, Duration took) {

        static Timed call(Supplier<RunningServer.Answer> call) {
            long start = System.nanoTime();
            RunningServer.Answer answer = call.get();
            return new Timed(answer, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static int newSocketCloseCode(RunningServer server, String token) throws Exception {
        try (SocketClient refused = SocketClient.connect(server.socketUri(token, ""))) {
            CloseReason reason = refused.closed.get(5, TimeUnit.SECONDS);
            assertThat(refused.frames).isEmpty();
            return reason.getCloseCode().getCode();
        }
    }

    /** Polls until every endpoint the test uses answers as usual. */
    private void awaitServing(Cast cast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (server.get("/health", null).status() == 200
                    && server.get("/chat/conversation/?account=" + cast.bob(), cast.annToken()).status() == 200
                    && server.get("/chat/list-conversation/", cast.bobToken()).status() == 200
                    && server.get("/admin/accounts/" + cast.ann() + "/", RunningServer.ADMIN).status() == 200) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not serve again within 30 s of the database coming back");
    }

    private static JsonNode awaitEvent(SocketClient socket, long id) throws InterruptedException {
        while (true) {
            JsonNode event = json(socket.next());
            if (event.get("id").asLong() == id) {
                return event;
            }
        }
    }

    private void nothingAcknowledgedIsLost(Cast cast, SteadySender steady) {
        // The send refused during the outage may have been stored or not: its retry settles it, once.
        RunningServer.Answer retried = server.sendMessage(cast.annToken(), cast.bob(), "refused", "during-outage");
        assertThat(retried.status()).isEqualTo(200);
        List<JsonNode> history = server.history(cast.bobToken(), cast.ann());
        Map<String, Long> stored = new HashMap<>();
        long previous = 0;
        for (JsonNode message : history) {
            long id = message.get("id").asLong();
            assertThat(id).isGreaterThan(previous);
            previous = id;
            assertThat(stored.put(message.get("message").asText(), id)).as("stored twice").isNull();
        }
        steady.acknowledgedIds.forEach((text, id) -> assertThat(stored.get(text)).as("acknowledged %s", text)
                .isEqualTo(id));
        assertThat(stored.get("refused")).isEqualTo(retried.body().get("id").asLong());
    }

    /** A client sending all along with client ids, retrying a refused send with the same one. */
    private static final class SteadySender implements AutoCloseable {
        final Map<String, Long> acknowledgedIds = new ConcurrentHashMap<>();
        final Set<String> unexpected = ConcurrentHashMap.newKeySet();
        final AtomicBoolean unavailable = new AtomicBoolean();
        private final RunningServer server;
        private final String token;
        private final String receiver;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        SteadySender(RunningServer server, String token, String receiver) {
            this.server = server;
            this.token = token;
            this.receiver = receiver;
            for (int t = 0; t < 2; t++) {
                int index = t;
                Thread thread = new Thread(() -> sendAll(index), "steady-sender-" + t);
                thread.start();
                threads.add(thread);
            }
        }

        private void sendAll(int thread) {
            int n = 0;
            while (running.get()) {
                String text = "steady-" + thread + "-" + n;
                RunningServer.Answer answer;
                try {
                    answer = server.sendMessage(token, receiver, text, text);
                } catch (RuntimeException e) {
                    unexpected.add("no answer: " + e);
                    return;
                }
                if (answer.status() == 200) {
                    acknowledgedIds.put(text, answer.body().get("id").asLong());
                    n++;
                } else if (answer.status() == 503) {
                    unavailable.set(true);
                    sleep(100);
                } else {
                    unexpected.add(answer.status() + " " + answer.body());
                    return;
                }
                sleep(20);
            }
        }

        int acknowledged() {
            return acknowledgedIds.size();
        }

        void awaitAcknowledged(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledgedIds.size() < count) {
                assertThat(System.nanoTime()).as("%s sends acknowledged in time", count).isLessThan(deadline);
                assertThat(unexpected).isEmpty();
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
