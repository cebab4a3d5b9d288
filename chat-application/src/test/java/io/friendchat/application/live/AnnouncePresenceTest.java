package io.friendchat.application.live;

import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.live.PresenceEvent;
import io.friendchat.testkit.RecordingNotifier.Delivery;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

/** Presence changes a cluster noticed (a node died, or came back) reach the online friends, counting nothing. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AnnouncePresenceTest {

    private final TestChat chat = TestChat.aChat();
    private final Account alice = chat.add(anAccount(1, "alice"));
    private final Account bob = chat.add(anAccount(2, "bob"));
    private final Account carol = chat.add(anAccount(3, "carol"));
    private final Account stranger = chat.add(anAccount(4, "stranger"));
    private final AnnouncePresence announce = new AnnouncePresence(chat.directory, chat.directory, chat.presence,
            chat.notifier);

    {
        chat.befriend(alice, bob);
        chat.befriend(alice, carol);
        chat.befriend(carol, bob);
    }

    @Test
    void an_account_gone_offline_is_announced_to_its_online_friends_only() {
        chat.presence.connected(bob.id());
        chat.presence.connected(stranger.id());

        announce.offline(Set.of(alice.id()));

        assertThat(chat.notifier.deliveries()).containsExactly(
                new Delivery(bob.id(), new PresenceEvent("alice", false)));
    }

    @Test
    void an_account_that_is_online_again_is_not_announced_offline() {
        chat.presence.connected(bob.id());
        chat.presence.connected(alice.id());

        announce.offline(Set.of(alice.id()));

        assertThat(chat.notifier.deliveries()).isEmpty();
        assertThat(chat.presence.isOnline(alice.id())).isTrue();
    }

    @Test
    void several_accounts_gone_are_each_announced_once() {
        chat.presence.connected(bob.id());

        announce.offline(List.of(alice.id(), carol.id()));

        assertThat(chat.notifier.deliveries()).containsExactlyInAnyOrder(
                new Delivery(bob.id(), new PresenceEvent("alice", false)),
                new Delivery(bob.id(), new PresenceEvent("carol", false)));
    }

    @Test
    void an_account_back_online_is_announced_to_its_online_friends_only() {
        chat.presence.connected(bob.id());
        chat.presence.connected(alice.id());

        announce.online(Set.of(alice.id()));

        assertThat(chat.notifier.deliveries()).containsExactly(
                new Delivery(bob.id(), new PresenceEvent("alice", true)));
    }

    @Test
    void an_account_gone_again_is_not_announced_online() {
        chat.presence.connected(bob.id());

        announce.online(Set.of(alice.id()));

        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void announcing_changes_no_count() {
        chat.presence.connected(alice.id());

        announce.offline(Set.of(alice.id()));
        announce.online(Set.of(alice.id()));

        assertThat(chat.presence.disconnected(alice.id())).isTrue();
    }
}
