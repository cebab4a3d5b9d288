package io.friendchat.application.local;

import io.friendchat.domain.account.AccountId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LocalPresenceTest {

    private static final AccountId ALICE = AccountId.of(1);
    private static final AccountId BOB = AccountId.of(2);
    private static final AccountId CAROL = AccountId.of(3);

    private final LocalPresence presence = new LocalPresence();

    @Test
    void nobody_is_online_at_first() {
        assertThat(presence.isOnline(ALICE)).isFalse();
        assertThat(presence.onlineAmong(List.of(ALICE, BOB))).isEmpty();
    }

    @Test
    void only_the_first_connection_is_first() {
        assertThat(presence.connected(ALICE)).isTrue();
        assertThat(presence.connected(ALICE)).isFalse();
        assertThat(presence.isOnline(ALICE)).isTrue();
    }

    @Test
    void only_the_last_disconnection_is_last() {
        presence.connected(ALICE);
        presence.connected(ALICE);

        assertThat(presence.disconnected(ALICE)).isFalse();
        assertThat(presence.isOnline(ALICE)).isTrue();
        assertThat(presence.disconnected(ALICE)).isTrue();
        assertThat(presence.isOnline(ALICE)).isFalse();
    }

    @Test
    void a_disconnection_without_a_connection_is_not_a_last_one_and_leaves_no_debt() {
        assertThat(presence.disconnected(ALICE)).isFalse();

        assertThat(presence.connected(ALICE)).isTrue();
        assertThat(presence.isOnline(ALICE)).isTrue();
    }

    @Test
    void those_online_are_found_among_many_in_one_call() {
        presence.connected(ALICE);
        presence.connected(CAROL);

        assertThat(presence.onlineAmong(List.of(ALICE, BOB, CAROL))).containsExactlyInAnyOrder(ALICE, CAROL);
    }
}
