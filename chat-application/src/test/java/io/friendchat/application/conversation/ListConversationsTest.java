package io.friendchat.application.conversation;

import io.friendchat.application.conversation.ListConversations.InboxRow;
import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ListConversationsTest {

    private final TestChat chat = TestChat.aChatWhere().rateLimit(0).build();
    private final Account alice = chat.add(anAccount(1, "alice"));
    private final Account bob = chat.add(anAccount(2, "bob"));
    private final Account carol = chat.add(anAccount(3, "carol"));

    {
        chat.befriend(alice, bob);
        chat.befriend(alice, carol);
    }

    private List<InboxRow> inboxOf(Account owner) {
        return chat.useCases.listConversations().list(owner);
    }

    @Test
    void an_account_without_messages_has_an_empty_inbox() {
        assertThat(inboxOf(alice)).isEmpty();
    }

    @Test
    void a_friend_without_a_message_has_no_row() {
        chat.send(alice, bob, "hi");

        assertThat(inboxOf(alice)).extracting(row -> row.partner()).containsExactly(bob);
    }

    @Test
    void each_row_carries_the_friend_and_the_latest_message_of_either_side() {
        chat.send(alice, bob, "hi bob");
        Message reply = chat.send(bob, alice, "hi alice");

        assertThat(inboxOf(alice)).containsExactly(new InboxRow(bob, false, reply, 1));
        assertThat(inboxOf(bob)).containsExactly(new InboxRow(alice, false, reply, 1));
    }

    @Test
    void many_partners_come_most_recent_conversation_first() {
        List<Account> partners = new ArrayList<>();
        for (int i = 10; i < 60; i++) {
            Account partner = chat.add(anAccount(i, "friend" + i));
            chat.befriend(alice, partner);
            partners.add(partner);
        }
        for (Account partner : partners) {
            chat.send(partner, alice, "hello from " + partner.username());
        }
        chat.send(alice, partners.get(0), "back to the first");

        List<InboxRow> rows = inboxOf(alice);

        assertThat(rows).hasSize(50);
        assertThat(rows.get(0).partner()).isEqualTo(partners.get(0));
        assertThat(rows.get(0).latest().text()).isEqualTo("back to the first");
        List<Account> restNewestFirst = new ArrayList<>(partners.subList(1, 50));
        Collections.reverse(restNewestFirst);
        assertThat(rows.subList(1, 50)).extracting(InboxRow::partner).containsExactlyElementsOf(restNewestFirst);
    }

    @Test
    void only_current_friends_are_listed() {
        chat.send(alice, bob, "to bob");
        chat.send(alice, carol, "to carol");
        chat.unfriend(carol, alice);

        assertThat(inboxOf(alice)).extracting(InboxRow::partner).containsExactly(bob);
        assertThat(inboxOf(carol)).isEmpty();
    }

    @Test
    void each_row_says_whether_the_friend_is_online() {
        chat.send(bob, alice, "from bob");
        chat.send(carol, alice, "from carol");
        chat.presence.connected(bob.id());

        assertThat(inboxOf(alice)).extracting(row -> row.partner().username().value() + "=" + row.online())
                .containsExactly("carol=false", "bob=true");
    }

    @Test
    void each_row_counts_the_friends_messages_still_unread() {
        chat.send(bob, alice, "1");
        chat.send(bob, alice, "2");
        chat.send(alice, bob, "3");
        chat.send(bob, alice, "4");
        chat.send(carol, alice, "5");

        chat.useCases.markRead().mark(alice, "bob", 2);

        assertThat(inboxOf(alice)).extracting(row -> row.partner().username().value() + "=" + row.unread())
                .containsExactly("carol=1", "bob=1");
        assertThat(inboxOf(bob)).extracting(InboxRow::unread).containsExactly(1L);
    }
}
