package io.friendchat.application.conversation;

import io.friendchat.application.conversation.ListConversations.InboxRow;
import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.friendship.NotFriends;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OnlyFriendsTalkTest {

    private final TestChat chat = TestChat.aChat();
    private final Account alice = chat.add(anAccount(1, "alice"));
    private final Account bob = chat.add(anAccount(2, "bob"));
    private final Account stranger = chat.add(anAccount(3, "stranger"));

    @Test
    void a_send_to_a_stranger_is_refused_and_stores_and_notifies_nothing() {
        assertThatThrownBy(() -> chat.send(alice, stranger, "hi"))
                .isInstanceOfSatisfying(NotFriends.class, e -> {
                    assertThat(e.caller()).isEqualTo(alice.id());
                    assertThat(e.other()).isEqualTo(stranger.id());
                });

        assertThat(chat.messages.all()).isEmpty();
        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void reading_a_strangers_conversation_is_refused() {
        assertThatThrownBy(() -> chat.read(alice, stranger)).isInstanceOf(NotFriends.class);
    }

    @Test
    void a_stranger_never_appears_in_the_inbox() {
        assertThat(chat.useCases.listConversations().list(alice)).isEmpty();
    }

    @Test
    void after_unfriending_neither_can_send() {
        chat.befriend(alice, bob);
        chat.send(alice, bob, "hi");
        chat.unfriend(bob, alice);

        assertThatThrownBy(() -> chat.send(alice, bob, "still there?")).isInstanceOf(NotFriends.class);
        assertThatThrownBy(() -> chat.send(bob, alice, "no")).isInstanceOf(NotFriends.class);
        assertThat(chat.messages.all()).extracting(Message::text).containsExactly("hi");
    }

    @Test
    void after_unfriending_neither_can_read_their_old_conversation() {
        chat.befriend(alice, bob);
        chat.send(alice, bob, "hi");
        chat.unfriend(alice, bob);

        assertThatThrownBy(() -> chat.read(alice, bob)).isInstanceOf(NotFriends.class);
        assertThatThrownBy(() -> chat.read(bob, alice)).isInstanceOf(NotFriends.class);
    }

    @Test
    void after_unfriending_the_conversation_drops_out_of_both_inboxes() {
        Account carol = chat.add(anAccount(4, "carol"));
        chat.befriend(alice, bob);
        chat.befriend(alice, carol);
        chat.send(alice, bob, "to bob");
        chat.send(alice, carol, "to carol");

        chat.unfriend(alice, bob);

        assertThat(partners(chat.useCases.listConversations().list(alice))).containsExactly("carol");
        assertThat(chat.useCases.listConversations().list(bob)).isEmpty();
    }

    @Test
    void befriending_again_brings_the_whole_history_back() {
        chat.befriend(alice, bob);
        Message first = chat.send(alice, bob, "one");
        Message second = chat.send(bob, alice, "two");
        chat.unfriend(alice, bob);

        chat.befriend(bob, alice);

        assertThat(chat.read(alice, bob).page().messages()).containsExactly(first, second);
        assertThat(partners(chat.useCases.listConversations().list(bob))).containsExactly("alice");
    }

    private static List<String> partners(List<InboxRow> rows) {
        return rows.stream().map(row -> row.partner().username().value()).toList();
    }
}
