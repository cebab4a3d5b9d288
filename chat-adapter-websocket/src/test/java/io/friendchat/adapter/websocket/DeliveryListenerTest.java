package io.friendchat.adapter.websocket;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.live.EventKind;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics hook: every pushed event a socket sent, once per socket, and nothing of a socket's start. */
@Timeout(30)
class DeliveryListenerTest {

    private record Heard(EventKind kind, long nanos) {
    }

    private final List<Heard> heard = new CopyOnWriteArrayList<>();
    private final LiveWorld world = LiveWorld.start((kind, nanos) -> heard.add(new Heard(kind, nanos)));

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void hears_each_pushed_event_per_socket_once_sent_and_not_the_replay_or_the_snapshot() {
        Account ayrei = world.account(1, "ayrei");
        Account bob = world.account(2, "bob");
        Account carol = world.account(3, "carol");
        world.befriend(ayrei, bob);
        world.befriend(carol, bob);
        world.send(ayrei, bob, "before bob connects");
        try (Client carols = Client.connect(world.socketOf(carol, ""))) {
            Wait.until(() -> world.sessions.openSockets() == 1);
            try (Client tab1 = Client.connect(world.socketOf(bob, "&after=0&events=PRESENCE"));
                 Client tab2 = Client.connect(world.socketOf(bob, ""))) {
                assertThat(tab1.next().get("message").asText()).isEqualTo("before bob connects");
                assertThat(tab1.next().get("case").asText()).isEqualTo("PRESENCE");
                Wait.until(() -> world.sessions.openSockets() == 3);
                assertThat(world.sessions.accountsOnline()).isEqualTo(2);

                Message live = world.send(ayrei, bob, "live");

                assertThat(tab1.next().get("id").asLong()).isEqualTo(live.id().value());
                assertThat(tab2.next().get("id").asLong()).isEqualTo(live.id().value());
                Wait.until(() -> heard.size() == 2);
                tab1.expectNothingFor(Duration.ofMillis(200));
                assertThat(heard).extracting(Heard::kind).containsExactly(EventKind.NEW_MESSAGE, EventKind.NEW_MESSAGE);
                assertThat(heard).allSatisfy(h -> assertThat(h.nanos()).isPositive());
            }
        }
    }
}
