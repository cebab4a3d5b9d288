package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.friendchat.adapter.token.AccessTokenIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.friendchat.bootstrap.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of seeded random requests at every endpoint (random and deeply nested JSON,
 * wrong types, invalid UTF-8, absurd headers, random tokens, malformed request lines on
 * raw sockets) and random handshakes and frames at the socket: never a 5xx, never a hang,
 * errors always in the JSON shape, no connection held open by a request that never ends,
 * and nothing stored changes but what was accepted.
 * The seed is printed; {@code -Dfuzz.seed=N} replays a run.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FuzzedRequestsNeverBreakTheServerTest {

    private static final int THREADS = 4;
    private static final int HTTP_CASES_PER_THREAD = 600;
    private static final int HANDSHAKES_PER_THREAD = 50;
    private static final int FRAME_SESSIONS_PER_THREAD = 40;
    /** "Never a hang": generous for a loaded 2-core machine; a stalled request would hit it. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    /** How long to listen to bytes that are not a request before moving on. */
    private static final Duration NOTHING_OWED_WAIT = Duration.ofSeconds(1);
    /**
     * How soon the server must close a connection whose request never ends: its head and body
     * deadlines are 10 s (RequestDeadlines.DEFAULTS), checked every second; the rest is for a loaded machine.
     */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(20);

    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    /** Cases owed no answer that got none within {@link #NOTHING_OWED_WAIT}: the connection must still end. */
    private final Queue<RandomRequests.Case> unended = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final Queue<String> accepted = new ConcurrentLinkedQueue<>();
    private final Set<Long> acceptedMessageIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong slowest = new AtomicLong();

    @Test
    void garbageIsRefusedWithoutA5xxOrAHangAndChangesNothing(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        System.out.println("fuzz seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        try (RunningServer server = RunningServer.start(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"),
                "CHAT_RATE_LIMIT", "0", "CHAT_WS_PING_SECONDS", "2"))) {
            long ann = server.createAccount("ann", "Ann A");
            long bob = server.createAccount("bob", "Bob B");
            long cid = server.createAccount("cid", "Cid C");
            server.befriend("ann", "bob");
            for (String text : List.of("one", "two", "three")) {
                assertThat(server.sendMessage(server.token(ann), "bob", text, null).status()).isEqualTo(200);
            }
            assertThat(server.sendMessage(server.token(bob), "ann", "four", null).status()).isEqualTo(200);
            AccessTokenIssuer past = new AccessTokenIssuer(RunningServer.SECRET,
                    Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)));
            List<String> tokens = List.of(server.token(ann), server.token(bob), server.token(cid), server.token(9_999),
                    past.issue(ann, Duration.ofHours(1), false), RunningServer.ADMIN, "admin-token-for-test");
            List<String> names = List.of("ann", "bob", "cid", "ann@example.com", "BOB@EXAMPLE.COM", "nobody", "ann ",
                    "Ann", "b\u00f6b", "x".repeat(255));
            Snapshot before = Snapshot.of(server, tokens);
            int socketsBefore = server.server.chat().liveSessions().openSockets();
            int port = server.uri("/").getPort();

            try (SocketClient watcher = SocketClient.connect(server.socketUri(server.token(bob), ""))) {
                long start = System.nanoTime();
                ExecutorService fuzzers = Executors.newFixedThreadPool(THREADS);
                try {
                    List<Future<?>> runs = new ArrayList<>();
                    for (int t = 0; t < THREADS; t++) {
                        RandomRequests cases = new RandomRequests(new Random(seed * 31 + t), tokens, names);
                        runs.add(fuzzers.submit(() -> {
                            fuzzHttp(port, cases);
                            fuzzHandshakes(port, cases);
                            fuzzFrames(port, cases, tokens.get(0));
                            return null;
                        }));
                    }
                    for (Future<?> run : runs) {
                        run.get(200, TimeUnit.SECONDS);
                    }
                } finally {
                    fuzzers.shutdownNow();
                }
                System.out.printf("%d HTTP cases, %d handshakes, %d frame sessions in %d ms; statuses %s "
                                + "(-1: closed without an answer); slowest answer %d ms; accepted: %s%n",
                        THREADS * HTTP_CASES_PER_THREAD, THREADS * HANDSHAKES_PER_THREAD,
                        THREADS * FRAME_SESSIONS_PER_THREAD, (System.nanoTime() - start) / 1_000_000,
                        new TreeMap<>(statuses), slowest.get(), accepted);
                assertUnendedRequestsAreClosed(port);
                assertThat(failures).as("fuzz failures (seed %s)", seed).isEmpty();

                // Still serving, and still pushing to a socket that was open all along.
                assertThat(server.get("/health", null).status()).isEqualTo(200);
                RunningServer.Answer after = server.sendMessage(server.token(ann), "bob", "still here", null);
                assertThat(after.status()).isEqualTo(200);
                long id = after.body().get("id").asLong();
                String frame;
                do {
                    frame = watcher.next();
                } while (json(frame).get("id").asLong() != id);
                acceptedMessageIds.add(id);
            }
            assertThat(awaitSockets(server, socketsBefore)).as("sockets registered after the fuzz")
                    .isEqualTo(socketsBefore);
            before.assertUnchangedBut(Snapshot.of(server, tokens), acceptedMessageIds, accepted);
        }
    }

    private void fuzzHttp(int port, RandomRequests cases) {
        for (int i = 0; i < HTTP_CASES_PER_THREAD; i++) {
            RandomRequests.Case request = cases.next();
            RawHttp.Reply reply;
            try {
                reply = RawHttp.exchange(port, request.bytes(),
                        request.expect() == RandomRequests.Expect.NOTHING ? NOTHING_OWED_WAIT : ANSWER_WITHIN);
            } catch (IOException e) {
                failures.add(describe(request) + " -> " + e);
                continue;
            }
            statuses.computeIfAbsent(reply.status(), s -> new AtomicLong()).incrementAndGet();
            slowest.accumulateAndGet(reply.took().toMillis(), Math::max);
            judge(request, reply);
        }
    }

    private void judge(RandomRequests.Case request, RawHttp.Reply reply) {
        if (request.expect() == RandomRequests.Expect.NOTHING) {
            // Not a request: no answer is owed, but any answer is in the contract (a version that is not
            // HTTP/1.x is the one 5xx, and in JSON too), and a connection left waiting must still end.
            if (reply.timedOut()) {
                unended.add(request);
            } else if (!isInContract(reply.status(), reply.body(), isHead(request))) {
                failures.add(describe(request) + " -> " + reply.head() + "\n" + reply.bodyText());
            }
            return;
        }
        if (reply.timedOut()) {
            failures.add(describe(request) + " -> no answer within " + ANSWER_WITHIN.toSeconds() + " s");
        } else if (reply.status() >= 500) {
            failures.add(describe(request) + " -> " + reply.head() + "\n" + reply.bodyText());
        } else if (reply.status() >= 400 && !request.method().equals("HEAD") && !isJsonError(reply.body())) {
            failures.add(describe(request) + " -> an error not in the JSON shape: " + reply.head() + "\n"
                    + reply.bodyText());
        } else if (reply.status() >= 200 && reply.status() < 300 && request.mutates()) {
            accepted.add(request.method() + " " + request.path() + " " + reply.status());
            if (request.path().startsWith("/chat/message")) {
                acceptedMessageIds.add(json(reply.bodyText()).get("id").asLong());
            }
        }
    }

    private void fuzzHandshakes(int port, RandomRequests cases) {
        for (int i = 0; i < HANDSHAKES_PER_THREAD; i++) {
            byte[] request = cases.randomHandshake();
            String described = "handshake " + printable(request);
            try (RawWebSocket socket = RawWebSocket.handshake(port, request, 0, (int) ANSWER_WITHIN.toMillis())) {
                int status = socket.handshakeStatus;
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                if (status == 0 || status == -1 || status >= 500) {
                    failures.add(described + " -> " + socket.handshakeHead);
                } else if (status == 101) {
                    RawWebSocket.Frame close = socket.awaitClose(1_000);
                    if (close != null && close.closeCode() == 1011) {
                        failures.add(described + " -> closed with 1011 " + close.text());
                    }
                }
            } catch (IOException e) {
                failures.add(described + " -> " + e);
            }
        }
    }

    private void fuzzFrames(int port, RandomRequests cases, String token) {
        for (int i = 0; i < FRAME_SESSIONS_PER_THREAD; i++) {
            try (RawWebSocket socket = RawWebSocket.open(port, token, 0)) {
                int frames = 1 + i % 6;
                try {
                    for (int f = 0; f < frames; f++) {
                        cases.sendRandomFrame(socket);
                    }
                } catch (IOException closedByTheServer) {
                    // The server may close on the first bad frame, before the rest is written.
                }
                RawWebSocket.Frame close = socket.awaitClose(1_500);
                if (close != null && close.closeCode() == 1011) {
                    failures.add("frames -> closed with 1011 " + close.text());
                }
            } catch (IOException e) {
                failures.add("frame session could not open: " + e);
            }
        }
    }

    /** Never a 5xx but a 505 for a version that is not HTTP/1.x; every error in the JSON shape (but for HEAD). */
    private static boolean isInContract(int status, byte[] body, boolean head) {
        return (status < 500 || status == 505) && (status < 400 || head || isJsonError(body));
    }

    /** A request line with a random method may well be a HEAD, whose answers have no body. */
    private static boolean isHead(RandomRequests.Case request) {
        byte[] bytes = request.bytes();
        return bytes.length >= 5 && new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
    }

    /**
     * Sends again, all at once, every case the server neither answered nor closed within the first
     * wait: each connection must be closed within the request deadlines, with a JSON error if answered.
     */
    private void assertUnendedRequestsAreClosed(int port) throws IOException {
        List<RandomRequests.Case> cases = new ArrayList<>(unended);
        List<Socket> sockets = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (RandomRequests.Case request : cases) {
                Socket socket = new Socket("127.0.0.1", port);
                sockets.add(socket);
                try {
                    socket.getOutputStream().write(request.bytes());
                } catch (IOException closedMidway) {
                    // Refused before it was all written: read what was said.
                }
            }
            for (int i = 0; i < cases.size(); i++) {
                long left = CLOSED_WITHIN.toMillis() - (System.nanoTime() - start) / 1_000_000;
                sockets.get(i).setSoTimeout((int) Math.max(1, left));
                byte[] received;
                try {
                    received = sockets.get(i).getInputStream().readAllBytes();
                } catch (SocketTimeoutException e) {
                    failures.add(describe(cases.get(i)) + " -> still open after " + CLOSED_WITHIN.toSeconds() + " s");
                    continue;
                } catch (IOException reset) {
                    continue;
                }
                int headEnd = RawHttp.indexOf(received, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                int bodyStart = headEnd < 0 ? received.length : headEnd + 4;
                String head = new String(received, 0, bodyStart, StandardCharsets.ISO_8859_1);
                byte[] body = java.util.Arrays.copyOfRange(received, bodyStart, received.length);
                if (received.length > 0 && !isInContract(RawHttp.statusOf(head), body, isHead(cases.get(i)))) {
                    failures.add(describe(cases.get(i)) + " -> at last " + head
                            + new String(body, StandardCharsets.UTF_8));
                }
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        System.out.printf("%d connections left waiting by the server were closed in %d ms%n", cases.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean isJsonError(byte[] body) {
        try {
            JsonNode error = RunningServer.JSON.readTree(body);
            return error != null && error.path("error").isTextual() && error.path("code").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    private static int awaitSockets(RunningServer server, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int open = server.server.chat().liveSessions().openSockets();
        while (open != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            open = server.server.chat().liveSessions().openSockets();
        }
        return open;
    }

    private static String describe(RandomRequests.Case request) {
        return request.kind() + " " + printable(request.bytes());
    }

    private static String printable(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.ISO_8859_1);
        StringBuilder shown = new StringBuilder();
        text.chars().forEach(c -> shown.append(c >= 32 && c < 127 ? String.valueOf((char) c)
                : c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.format("\\x%02x", c)));
        return shown + (bytes.length > 300 ? "... (" + bytes.length + " bytes)" : "");
    }

    /** What the three accounts see, minus presence (sockets come and go during the fuzz). */
    private record Snapshot(List<JsonNode> history, List<JsonNode> inboxes, List<JsonNode> accounts) {

        static Snapshot of(RunningServer server, List<String> tokens) {
            List<JsonNode> inboxes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                inboxes.add(withoutOnline(server.get("/chat/list-conversation/", tokens.get(i)).body()));
            }
            List<JsonNode> accounts = new ArrayList<>();
            for (String name : List.of("ann", "bob", "cid")) {
                accounts.add(server.get("/admin/accounts/" + name + "/", RunningServer.ADMIN).body());
            }
            return new Snapshot(server.history(tokens.get(1), "ann"), inboxes, accounts);
        }

        /**
         * The history is the one before plus the messages whose send was accepted; the rest is
         * equal, unless some request that changes it was accepted (then it is named and skipped).
         */
        void assertUnchangedBut(Snapshot after, Set<Long> acceptedIds, Queue<String> accepted) {
            List<JsonNode> kept = after.history().stream()
                    .filter(message -> !acceptedIds.contains(message.get("id").asLong())).toList();
            assertThat(kept).as("messages stored before the fuzz").isEqualTo(history);
            assertThat(after.history().stream().map(message -> message.get("id").asLong()))
                    .as("accepted messages stored").containsAll(acceptedIds);
            boolean otherChanges = accepted.stream().anyMatch(call -> !call.startsWith("POST /chat/message"));
            if (otherChanges) {
                System.out.println("not comparing inboxes and accounts: accepted " + accepted);
                return;
            }
            assertThat(after.accounts()).isEqualTo(accounts);
            assertThat(after.inboxes().get(2)).as("the stranger's inbox").isEqualTo(inboxes.get(2));
            JsonNode last = after.history().get(after.history().size() - 1);
            for (int i = 0; i < 2; i++) {
                JsonNode row = after.inboxes().get(i).get("info").get(0);
                assertThat(row.get("message")).isEqualTo(last.get("message"));
                assertThat(row.get("time")).isEqualTo(last.get("time"));
            }
        }

        private static JsonNode withoutOnline(JsonNode node) {
            JsonNode copy = node.deepCopy();
            copy.findParents("online").forEach(parent -> ((ObjectNode) parent).remove("online"));
            return copy;
        }
    }
}
