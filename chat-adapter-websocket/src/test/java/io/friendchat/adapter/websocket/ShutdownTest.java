package io.friendchat.adapter.websocket;

import io.friendchat.domain.account.Account;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** A graceful shutdown closes every socket with 1001 and refuses new ones the same way. */
@Timeout(30)
class ShutdownTest {

    @Test
    void close_all_closes_every_socket_with_1001_clears_presence_and_refuses_new_sockets() {
        try (LiveWorld world = LiveWorld.start()) {
            Account ayrei = world.account(1, "ayrei");
            Account bob = world.account(2, "bob");
            world.befriend(ayrei, bob);
            try (Client ayreis = Client.connect(world.socketOf(ayrei, ""));
                 Client bobs = Client.connect(world.socketOf(bob, ""))) {
                Wait.until(() -> world.presence.isOnline(ayrei.id()) && world.presence.isOnline(bob.id()));

                world.sessions.closeAll(1001, "The server is shutting down.");

                for (Client client : new Client[]{ayreis, bobs}) {
                    CloseReason reason = client.awaitClose();
                    assertThat(reason.getCloseCode().getCode()).isEqualTo(1001);
                    assertThat(reason.getReasonPhrase()).isEqualTo("The server is shutting down.");
                }
                Wait.until(() -> !world.presence.isOnline(ayrei.id()) && !world.presence.isOnline(bob.id()));
                assertThat(world.sessions.openSockets()).isZero();
            }
            try (Client late = Client.connect(world.socketOf(bob, ""))) {
                assertThat(late.awaitClose().getCloseCode().getCode()).isEqualTo(1001);
            }
            assertThat(world.presence.isOnline(bob.id())).isFalse();
        }
    }

    @Test
    void closing_the_sessions_says_1001_too() {
        try (LiveWorld world = LiveWorld.start()) {
            Account bob = world.account(2, "bob");
            try (Client bobs = Client.connect(world.socketOf(bob, ""))) {
                world.sessions.close();

                assertThat(bobs.awaitClose().getCloseCode().getCode()).isEqualTo(1001);
            }
        }
    }
}
