package io.friendchat.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A steady moderate load for N minutes on a few thousand open sockets: every send is
 * answered 200, every socket stays open, and the heap after a full GC does not grow
 * between the start and the end. Off by default; run it with
 * <pre>
 * ./mvnw -B -pl chat-bootstrap -am test -Dtest=SoakTest -Dsoak.minutes=10 -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * ({@code -Dsoak.sockets=2000 -Dsoak.rate=50} set the sockets and the messages per second).
 * It prints its figures to target/surefire-reports/io.friendchat.bootstrap.SoakTest-output.txt.
 */
@EnabledIfSystemProperty(named = "soak.minutes", matches = "\\d+(\\.\\d+)?")
class SoakTest {

    /** The heap may move a little between two full collections; more than this is growth. */
    private static final long HEAP_SLACK_BYTES = 32L * 1024 * 1024;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    @Test
    void steadyLoadKeepsEverySocketAndTheHeapFlat(@TempDir Path dir) throws Exception {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes"));
        int socketCount = Integer.getInteger("soak.sockets", 2000);
        int rate = Integer.getInteger("soak.rate", 50);
        int accounts = socketCount / 2;
        try (RunningServer server = RunningServer.start(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"),
                "CHAT_RATE_LIMIT", "0", "CHAT_WS_PING_SECONDS", "10"))) {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                tokens.add(server.token(server.createAccount("soak" + i, "Soak " + i)));
                if (i % 2 == 1) {
                    server.befriend("soak" + (i - 1), "soak" + i);
                }
            }
            HttpClient sockets = HttpClient.newHttpClient();
            List<WebSocket> open = new ArrayList<>();
            for (int i = 0; i < socketCount; i++) {
                open.add(sockets.newWebSocketBuilder().buildAsync(server.socketUri(tokens.get(i % accounts), ""),
                        new Counting()).get(30, TimeUnit.SECONDS));
            }
            int registered = server.server.chat().liveSessions().openSockets();
            System.out.printf("soak: %d accounts, %d sockets open (%d registered), %d messages/s for %.1f min%n",
                    accounts, open.size(), registered, rate, minutes);

            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            Random random = new Random(42);
            AtomicInteger inFlight = new AtomicInteger();
            clock.scheduleAtFixedRate(() -> {
                if (inFlight.get() > 64) {
                    // The load is open (a fixed rate); on a machine busy with other work the client
                    // itself can fall behind. Skipped sends are reported, not counted as failures:
                    // every request made must still answer 200.
                    skipped.incrementAndGet();
                    return;
                }
                int from = random.nextInt(accounts);
                int to = from % 2 == 0 ? from + 1 : from - 1;
                boolean read = random.nextInt(4) == 0;
                inFlight.incrementAndGet();
                clients.execute(() -> {
                    try {
                        call(server, tokens.get(from), "soak" + to, read);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);

            Thread.sleep(30_000);
            long heapAtStart = heapAfterGc();
            long sentAtStart = sent.get();
            System.out.printf("soak: heap after GC at the start (after 30 s of warm-up): %d MB%n", heapAtStart >> 20);
            long end = System.nanoTime() + (long) (minutes * 60e9);
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(60_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                System.out.printf("soak: %d sent, %d reads, %d events received, %d sockets, %d failures, "
                                + "%d skipped with 64 requests in flight%n",
                        sent.get(), reads.get(), received.get(), server.server.chat().liveSessions().openSockets(),
                        failures.size(), skipped.get());
            }
            clock.shutdownNow();
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            long heapAtEnd = heapAfterGc();
            System.out.printf("soak: heap after GC at the end: %d MB (start %d MB); %d messages sent in the measured "
                            + "window, %d events received in all, %d slow consumers closed%n",
                    heapAtEnd >> 20, heapAtStart >> 20, sent.get() - sentAtStart, received.get(),
                    server.server.chat().liveSessions().slowConsumersClosed());

            assertThat(failures).as("failed requests").isEmpty();
            assertThat(server.server.chat().liveSessions().openSockets()).as("sockets still open").isEqualTo(registered);
            assertThat(heapAtEnd).as("heap after GC at the end").isLessThan(heapAtStart + HEAP_SLACK_BYTES);
            CompletableFuture.allOf(open.stream().map(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"))
                    .toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
    }

    private void call(RunningServer server, String token, String friend, boolean read) {
        try {
            RunningServer.Answer answer = read
                    ? server.get("/chat/conversation/?account=" + friend + "&limit=50", token)
                    : server.sendMessage(token, friend, "soak message " + sent.get(), null);
            if (answer.status() != 200) {
                failures.add(answer.status() + " " + answer.body());
            } else if (read) {
                reads.incrementAndGet();
            } else {
                sent.incrementAndGet();
            }
        } catch (RuntimeException e) {
            failures.add(e.toString());
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(500);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Counts the events a socket receives and asks for the next one. */
    private final class Counting implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (last) {
                received.incrementAndGet();
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            failures.add("a socket was closed: " + statusCode + " " + reason);
            return null;
        }
    }
}
