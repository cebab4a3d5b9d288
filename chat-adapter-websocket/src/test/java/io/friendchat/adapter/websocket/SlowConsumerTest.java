package io.friendchat.adapter.websocket;

import io.friendchat.application.access.AllowedOrigins;
import io.friendchat.domain.account.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that stops reading while thousands of big messages are sent to it: delivering
 * never waits on it, others keep getting their events, and it is closed (1013) once its
 * backlog is full. Loopback buffers hold megabytes, so the test is sized in bytes: 6 KB
 * frames to a client whose receive buffer is 4 KB, far past the kernel's 4 MB send buffer.
 */
@Timeout(60)
class SlowConsumerTest {

    private static final int BACKLOG = 50;
    private static final int MAX_SENDS = 3000;
    private static final String BIG = "\u20ac".repeat(2000);

    @Test
    void a_stalled_socket_is_closed_with_1013_and_never_delays_the_others() {
        // A ping period far longer than the test: the ping cannot be what closes the stalled socket.
        WebSocketSettings settings = new WebSocketSettings(ZoneOffset.UTC, Duration.ofMinutes(10),
                AllowedOrigins.any(), BACKLOG);
        try (LiveWorld world = LiveWorld.start(settings)) {
            Account ayrei = world.account(1, "ayrei");
            Account stalled = world.account(2, "stalled");
            Account carol = world.account(3, "carol");
            world.befriend(ayrei, stalled);
            world.befriend(ayrei, carol);
            try (RawSocket stalledSocket = RawSocket.open(world.port(),
                    "/ws/connection/?token=" + world.token(stalled), Map.of(), 4096);
                 Client carols = Client.connect(world.socketOf(carol, ""))) {
                Wait.until(() -> world.presence.isOnline(stalled.id()) && world.presence.isOnline(carol.id()));

                roundTrip(world, ayrei, carol, carols); // warms up the send path (class loading, JIT)

                long slowestSend = 0;
                List<Long> carolLatencies = new ArrayList<>();
                int sent = 0;
                while (sent < MAX_SENDS && world.sessions.slowConsumersClosed() == 0) {
                    long before = System.nanoTime();
                    world.send(ayrei, stalled, BIG);
                    slowestSend = Math.max(slowestSend, System.nanoTime() - before);
                    sent++;
                    if (sent % 100 == 0) {
                        carolLatencies.add(roundTrip(world, ayrei, carol, carols));
                    }
                }
                carolLatencies.add(roundTrip(world, ayrei, carol, carols));

                assertThat(world.sessions.slowConsumersClosed()).isEqualTo(1);
                assertThat(sent).as("messages sent before the backlog filled").isGreaterThan(BACKLOG);
                // A send blocked on the stalled socket would never return: one second is a functional bound.
                assertThat(Duration.ofNanos(slowestSend)).as("slowest send").isLessThan(Duration.ofSeconds(1));
                assertThat(carolLatencies).as("carol's latencies (ns)").allSatisfy(latency ->
                        assertThat(Duration.ofNanos(latency)).isLessThan(Duration.ofMillis(100)));
                Wait.until(() -> !world.presence.isOnline(stalled.id()));
                assertThat(world.sessions.openSockets()).isEqualTo(1);
                System.out.printf("stalled after %d messages of %d bytes; slowest send %.1f ms; carol's slowest event"
                                + " %.1f ms%n", sent, BIG.length() * 3, slowestSend / 1e6,
                        carolLatencies.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6);

                assertThat(drainToClose(stalledSocket, sent)).isEqualTo(1013);
            }
        }
    }

    /** Nanoseconds from sending carol a message to her client having it. */
    private static long roundTrip(LiveWorld world, Account from, Account carol, Client carols) {
        long before = System.nanoTime();
        long id = world.send(from, carol, "ping carol").id().value();
        assertThat(carols.next().get("id").asLong()).isEqualTo(id);
        return System.nanoTime() - before;
    }

    /** Reads what the stalled client was sent, and returns the code of the close frame at its end. */
    private static int drainToClose(RawSocket socket, int sent) {
        int texts = 0;
        while (true) {
            RawSocket.RawFrame frame = socket.read(Duration.ofSeconds(5));
            assertThat(frame).as("a frame within 5 s after %d text frames", texts).isNotNull();
            if (frame.opcode() == RawSocket.CLOSE) {
                assertThat(texts).isLessThan(sent);
                return frame.closeCode();
            }
            texts++;
        }
    }
}
