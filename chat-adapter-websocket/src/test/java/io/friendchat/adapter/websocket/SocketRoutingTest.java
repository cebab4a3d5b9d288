package io.friendchat.adapter.websocket;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster hook: routing is in place before the client sees the socket open, and undone once per socket. */
@Timeout(30)
class SocketRoutingTest {

    private final LiveWorld world = LiveWorld.start();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void each_socket_is_routed_before_it_opens_and_released_once_when_it_closes() throws Exception {
        Account bob = world.account(2, "bob");
        world.sessions.routeThrough(new SocketRouting() {
            @Override
            public void holding(AccountId account) {
                calls.add("holding " + account);
            }

            @Override
            public void released(AccountId account) {
                calls.add("released " + account);
            }
        });

        try (Client tab1 = Client.connect(world.socketOf(bob, ""))) {
            assertThat(calls).containsExactly("holding 2");
            try (Client tab2 = Client.connect(world.socketOf(bob, ""))) {
                assertThat(calls).containsExactly("holding 2", "holding 2");
            }
            Wait.until(() -> calls.size() == 3);
        }
        Wait.until(() -> calls.size() == 4);
        assertThat(calls).containsExactly("holding 2", "holding 2", "released 2", "released 2");
    }

    @Test
    void a_failing_route_does_not_break_the_local_socket() throws Exception {
        Account ayrei = world.account(1, "ayrei");
        Account bob = world.account(2, "bob");
        world.befriend(ayrei, bob);
        world.sessions.routeThrough(new SocketRouting() {
            @Override
            public void holding(AccountId account) {
                throw new IllegalStateException("cluster down");
            }

            @Override
            public void released(AccountId account) {
                throw new IllegalStateException("cluster down");
            }
        });

        try (Client tab = Client.connect(world.socketOf(bob, ""))) {
            world.send(ayrei, bob, "still here");
            assertThat(tab.next().get("message").asText()).isEqualTo("still here");
        }
    }
}
