package io.friendchat.application.live;

import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.live.PresenceEvent;
import io.friendchat.testkit.RecordingNotifier.Delivery;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

/** Opening and closing live connections: presence events and the snapshot of friends online. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LiveSessionTest {

    private final TestChat chat = TestChat.aChat();
    private final Account alice = chat.add(anAccount(1, "alice"));
    private final Account bob = chat.add(anAccount(2, "bob"));
    private final Account carol = chat.add(anAccount(3, "carol"));
    private final Account stranger = chat.add(anAccount(4, "stranger"));

    {
        chat.befriend(alice, bob);
        chat.befriend(alice, carol);
    }

    private List<String> open(Account account) {
        return chat.useCases.openLiveSession().open(account);
    }

    private void close(Account account) {
        chat.useCases.closeLiveSession().close(account);
    }

    @Test
    void the_first_connection_tells_the_online_friends_only() {
        open(bob);
        open(stranger);
        chat.notifier.clear();

        open(alice);

        assertThat(chat.notifier.deliveries()).containsExactly(
                new Delivery(bob.id(), new PresenceEvent("alice", true)));
    }

    @Test
    void a_second_connection_tells_nobody() {
        open(bob);
        open(alice);
        chat.notifier.clear();

        open(alice);

        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void the_snapshot_lists_the_friends_online_now_by_username() {
        open(carol);
        open(bob);
        open(stranger);

        assertThat(open(alice)).containsExactly("bob", "carol");
    }

    @Test
    void the_snapshot_is_the_same_for_every_connection() {
        open(bob);
        open(alice);

        assertThat(open(alice)).containsExactly("bob");
    }

    @Test
    void the_snapshot_is_empty_when_no_friend_is_online() {
        open(stranger);

        assertThat(open(alice)).isEmpty();
        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void closing_one_of_two_connections_tells_nobody() {
        open(bob);
        open(alice);
        open(alice);
        chat.notifier.clear();

        close(alice);

        assertThat(chat.notifier.deliveries()).isEmpty();
        assertThat(chat.presence.isOnline(alice.id())).isTrue();
    }

    @Test
    void closing_the_last_connection_tells_the_online_friends_only() {
        open(bob);
        open(stranger);
        open(alice);
        open(alice);
        chat.notifier.clear();

        close(alice);
        close(alice);

        assertThat(chat.notifier.deliveries()).containsExactly(
                new Delivery(bob.id(), new PresenceEvent("alice", false)));
        assertThat(chat.presence.isOnline(alice.id())).isFalse();
    }

    @Test
    void a_friend_who_left_drops_out_of_the_snapshot() {
        open(bob);
        close(bob);

        assertThat(open(alice)).isEmpty();
    }

    @Test
    void closing_a_connection_that_was_never_opened_tells_nobody() {
        open(bob);
        chat.notifier.clear();

        close(alice);

        assertThat(chat.notifier.deliveries()).isEmpty();
        assertThat(chat.presence.isOnline(alice.id())).isFalse();
    }
}
