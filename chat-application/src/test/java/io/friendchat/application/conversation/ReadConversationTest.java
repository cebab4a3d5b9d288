package io.friendchat.application.conversation;

import io.friendchat.application.conversation.ReadConversation.ConversationView;
import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadConversationTest {

    private TestChat chat = TestChat.aChatWhere().rateLimit(0).build();
    private Account alice;
    private Account bob;

    {
        meet();
    }

    private void meet() {
        alice = chat.add(anAccount(1, "alice"));
        bob = chat.add(anAccount(2, "bob").withEmail("bob@example.com").withFullName("Bob Builder"));
        chat.befriend(alice, bob);
    }

    /** Alice and Bob take turns, {@code count} messages "m1".."mN"; ids are 1..N. */
    private List<Message> exchange(int count) {
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            sent.add(i % 2 == 1 ? chat.send(alice, bob, "m" + i) : chat.send(bob, alice, "m" + i));
        }
        return sent;
    }

    private ConversationView page(Integer limit, Long before) {
        return chat.read(alice, "bob", limit, before);
    }

    @Test
    void a_conversation_without_messages_is_empty() {
        ConversationView view = chat.read(alice, bob);

        assertThat(view.friend()).isEqualTo(bob);
        assertThat(view.page().messages()).isEmpty();
        assertThat(view.page().conversationEmpty()).isTrue();
        assertThat(view.page().hasMore()).isFalse();
        assertThat(view.readUpTo()).isZero();
    }

    @Test
    void the_whole_conversation_comes_oldest_first_from_either_side() {
        List<Message> sent = exchange(3);

        assertThat(chat.read(alice, bob).page().messages()).containsExactlyElementsOf(sent);
        assertThat(chat.read(bob, alice).page().messages()).containsExactlyElementsOf(sent);
        assertThat(chat.read(alice, bob).page().hasMore()).isFalse();
        assertThat(chat.read(alice, bob).page().conversationEmpty()).isFalse();
    }

    @Test
    void the_friend_may_be_named_by_email() {
        List<Message> sent = exchange(2);

        ConversationView view = chat.read(alice, "BOB@example.com", null, null);

        assertThat(view.friend()).isEqualTo(bob);
        assertThat(view.page().messages()).containsExactlyElementsOf(sent);
    }

    @Test
    void other_conversations_are_not_mixed_in() {
        Account carol = chat.add(anAccount(3, "carol"));
        chat.befriend(alice, carol);
        chat.befriend(bob, carol);
        Message toBob = chat.send(alice, bob, "for bob");
        chat.send(alice, carol, "for carol");
        chat.send(carol, bob, "carol to bob");

        assertThat(chat.read(alice, bob).page().messages()).containsExactly(toBob);
    }

    @Test
    void without_a_limit_the_configured_history_limit_applies() {
        chat = TestChat.aChatWhere().rateLimit(0).historyLimit(3).build();
        meet();
        List<Message> sent = exchange(5);

        ConversationView view = page(null, null);

        assertThat(view.page().messages()).containsExactlyElementsOf(sent.subList(2, 5));
        assertThat(view.page().hasMore()).isTrue();
    }

    @Test
    void by_default_the_history_limit_is_1000_messages() {
        List<Message> sent = exchange(1001);

        ConversationView view = page(null, null);

        assertThat(view.page().messages()).hasSize(1000).first().isEqualTo(sent.get(1));
        assertThat(view.page().hasMore()).isTrue();
    }

    @Test
    void a_limit_of_1_returns_the_latest_message() {
        List<Message> sent = exchange(3);

        ConversationView view = page(1, null);

        assertThat(view.page().messages()).containsExactly(sent.get(2));
        assertThat(view.page().hasMore()).isTrue();
    }

    @Test
    void a_limit_of_200_returns_the_latest_200_messages_oldest_first() {
        List<Message> sent = exchange(250);

        ConversationView view = page(200, null);

        assertThat(view.page().messages()).containsExactlyElementsOf(sent.subList(50, 250));
        assertThat(view.page().hasMore()).isTrue();
    }

    @Test
    void a_limit_of_1000_is_the_largest_page() {
        List<Message> sent = exchange(1000);

        ConversationView view = page(1000, null);

        assertThat(view.page().messages()).containsExactlyElementsOf(sent);
        assertThat(view.page().hasMore()).isFalse();
    }

    @Test
    void a_page_that_reaches_the_first_message_exactly_has_no_more() {
        exchange(4);

        assertThat(page(4, null).page().hasMore()).isFalse();
        assertThat(page(3, null).page().hasMore()).isTrue();
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {0, -1, 1001})
    void a_limit_outside_1_to_1000_is_invalid(int limit) {
        exchange(2);

        assertThatThrownBy(() -> page(limit, null))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'limit' must be an integer from 1 to 1000.");
    }

    @Test
    void before_an_id_returns_only_older_messages() {
        List<Message> sent = exchange(6);

        ConversationView view = page(2, 5L);

        assertThat(view.page().messages()).containsExactly(sent.get(2), sent.get(3));
        assertThat(view.page().hasMore()).isTrue();
    }

    @Test
    void paging_back_with_before_walks_the_whole_conversation_once() {
        List<Message> sent = exchange(7);
        List<Message> walked = new ArrayList<>();
        Long before = null;
        ConversationView view;
        do {
            view = page(3, before);
            walked.addAll(0, view.page().messages());
            before = view.page().messages().get(0).id().value();
        } while (view.page().hasMore());

        assertThat(walked).containsExactlyElementsOf(sent);
    }

    @Test
    void a_page_past_the_start_is_empty_but_the_conversation_is_not() {
        exchange(3);

        ConversationView view = page(10, 1L);

        assertThat(view.page().messages()).isEmpty();
        assertThat(view.page().hasMore()).isFalse();
        assertThat(view.page().conversationEmpty()).isFalse();
    }

    @Test
    void before_an_id_above_every_message_returns_the_latest() {
        List<Message> sent = exchange(3);

        assertThat(page(null, 1_000_000L).page().messages()).containsExactlyElementsOf(sent);
    }

    @ParameterizedTest(name = "before {0}")
    @ValueSource(longs = {0, -1})
    void before_below_1_is_invalid(long before) {
        assertThatThrownBy(() -> page(null, before))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'before' must be a message id (an integer of at least 1).");
    }

    @Test
    void a_bad_limit_is_invalid_before_the_account_is_looked_up() {
        assertThatThrownBy(() -> chat.read(alice, "nobody", 0, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> chat.read(alice, "nobody", null, 0L)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void the_friend_is_shown_online_while_they_have_a_live_connection() {
        assertThat(chat.read(alice, bob).friendOnline()).isFalse();

        chat.presence.connected(bob.id());

        assertThat(chat.read(alice, bob).friendOnline()).isTrue();
    }

    @Test
    void read_up_to_is_the_highest_of_the_callers_messages_the_friend_has_read() {
        Message mine = chat.send(alice, bob, "mine");
        chat.send(bob, alice, "theirs");
        chat.send(alice, bob, "mine, unread");

        chat.useCases.markRead().mark(bob, "alice", 2);

        assertThat(chat.read(alice, bob).readUpTo()).isEqualTo(mine.id().value());
        assertThat(chat.read(bob, alice).readUpTo()).isZero();
    }
}
