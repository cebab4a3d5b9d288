package io.friendchat.adapter.websocket;

import io.friendchat.domain.account.Account;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pings every period; a socket that does not answer within one more period is dropped and goes offline. */
@Timeout(30)
class KeepAliveTest {

    private static final Duration PERIOD = Duration.ofMillis(500);

    @AutoClose
    private final LiveWorld world = LiveWorld.start(LiveWorld.pingEvery(PERIOD));
    private final LiveWorld.Friends friends = world.ayreiAndBob();
    private final Account ayrei = friends.ayrei();
    private final Account bob = friends.bob();

    @Test
    void a_client_that_never_answers_pings_is_dropped_and_its_presence_cleared() {
        try (Client ayreis = Client.connect(world.socketOf(ayrei, "&events=PRESENCE"));
             RawSocket silent = RawSocket.open(world.port(), "/ws/connection/?token=" + world.token(bob), Map.of())) {
            assertThat(silent.status).isEqualTo(101);
            Wait.until(() -> world.presence.isOnline(bob.id()));
            ayreis.expect("""
                    {"case": "PRESENCE", "account": "bob", "online": true}""");

            RawSocket.RawFrame ping = silent.read(Duration.ofSeconds(2));
            assertThat(ping.opcode()).isEqualTo(RawSocket.PING);

            RawSocket.RawFrame close = silent.readSkippingPings(Duration.ofSeconds(3));
            assertThat(close.opcode()).isEqualTo(RawSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1001);
            Wait.until(() -> !world.presence.isOnline(bob.id()));
            ayreis.expect("""
                    {"case": "PRESENCE", "account": "bob", "online": false}""");
            assertThat(world.sessions.openSockets()).isEqualTo(1);
        }
    }

    @Test
    void a_client_that_answers_pings_stays_open() throws InterruptedException {
        try (Client bobs = Client.connect(world.socketOf(bob, ""))) {
            Thread.sleep(PERIOD.multipliedBy(6).toMillis());

            assertThat(bobs.isOpen()).isTrue();
            world.send(ayrei, bob, "still here");
            assertThat(bobs.next().get("message").asText()).isEqualTo("still here");
        }
    }

    @Test
    void a_raw_client_that_answers_pings_stays_open() {
        String path = "/ws/connection/?token=" + world.token(bob);
        try (RawSocket answering = RawSocket.open(world.port(), path, Map.of())) {
            long until = System.nanoTime() + PERIOD.multipliedBy(6).toNanos();
            while (System.nanoTime() < until) {
                RawSocket.RawFrame frame = answering.read(PERIOD);
                if (frame != null) {
                    assertThat(frame.opcode()).isEqualTo(RawSocket.PING);
                    answering.sendPong(frame.payload());
                }
            }
            assertThat(world.presence.isOnline(bob.id())).isTrue();
            world.send(ayrei, bob, "still here");

            RawSocket.RawFrame frame;
            do {
                frame = answering.read(Duration.ofSeconds(2));
            } while (frame != null && frame.opcode() == RawSocket.PING);
            assertThat(frame.opcode()).isEqualTo(RawSocket.TEXT);
        }
    }
}
