package io.friendchat.application.conversation;

import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.conversation.ReadMark;
import io.friendchat.domain.friendship.NotFriends;
import io.friendchat.domain.live.ReadEvent;
import io.friendchat.testkit.RecordingNotifier.Delivery;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MarkReadTest {

    private final TestChat chat = TestChat.aChat();
    private final Account alice = chat.add(anAccount(1, "alice"));
    private final Account bob = chat.add(anAccount(2, "bob").withEmail("bob@example.com"));

    {
        chat.befriend(alice, bob);
        chat.send(bob, alice, "1");
        chat.send(bob, alice, "2");
        chat.send(alice, bob, "3");
        chat.send(bob, alice, "4");
        chat.notifier.clear();
    }

    private ReadMark aliceReadsUpTo(long upTo) {
        return chat.useCases.markRead().mark(alice, "bob", upTo);
    }

    @Test
    void marking_read_moves_the_mark_and_counts_what_is_still_unread() {
        assertThat(aliceReadsUpTo(2)).isEqualTo(new ReadMark(2, true, 1));
    }

    @Test
    void the_friend_hears_where_the_mark_now_stands() {
        aliceReadsUpTo(2);

        assertThat(chat.notifier.deliveries()).containsExactly(new Delivery(bob.id(), new ReadEvent("alice", 2)));
    }

    @Test
    void a_mark_never_moves_back_and_nobody_hears_of_it() {
        aliceReadsUpTo(2);
        chat.notifier.clear();

        assertThat(aliceReadsUpTo(1)).isEqualTo(new ReadMark(2, false, 1));
        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void marking_the_same_position_again_is_not_a_move() {
        aliceReadsUpTo(4);
        chat.notifier.clear();

        assertThat(aliceReadsUpTo(4)).isEqualTo(new ReadMark(4, false, 0));
        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void a_position_past_the_latest_message_counts_as_the_latest() {
        assertThat(aliceReadsUpTo(1_000)).isEqualTo(new ReadMark(4, true, 0));
        assertThat(chat.notifier.deliveries()).containsExactly(new Delivery(bob.id(), new ReadEvent("alice", 4)));
    }

    @Test
    void the_callers_own_message_counts_as_a_position() {
        assertThat(aliceReadsUpTo(3)).isEqualTo(new ReadMark(3, true, 1));
    }

    @Test
    void a_mark_in_an_empty_conversation_stays_at_zero_and_tells_nobody() {
        Account carol = chat.add(anAccount(3, "carol"));
        chat.befriend(alice, carol);

        assertThat(chat.useCases.markRead().mark(alice, "carol", 5)).isEqualTo(new ReadMark(0, false, 0));
        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void each_side_has_its_own_mark() {
        aliceReadsUpTo(4);

        assertThat(chat.useCases.markRead().mark(bob, "alice", 1)).isEqualTo(new ReadMark(1, true, 1));
    }

    @Test
    void the_friend_may_be_named_by_email() {
        assertThat(chat.useCases.markRead().mark(alice, "BOB@EXAMPLE.COM", 1)).isEqualTo(new ReadMark(1, true, 2));
    }

    @ParameterizedTest(name = "up_to {0}")
    @ValueSource(longs = {0, -1})
    void a_position_below_1_is_invalid_before_the_account_is_looked_up(long upTo) {
        assertThatThrownBy(() -> chat.useCases.markRead().mark(alice, "nobody", upTo))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'up_to' must be a message id (an integer of at least 1).");
    }

    @Test
    void a_former_friend_cannot_mark_read_and_the_mark_stays() {
        chat.unfriend(alice, bob);

        assertThatThrownBy(() -> aliceReadsUpTo(4)).isInstanceOf(NotFriends.class);
        assertThat(chat.notifier.deliveries()).isEmpty();
        chat.befriend(alice, bob);
        assertThat(aliceReadsUpTo(1)).isEqualTo(new ReadMark(1, true, 2));
    }

    @Test
    void a_failed_push_of_the_read_event_never_fails_the_mark() {
        TestChat unreachable = TestChat.aChatWhere().notifier((recipient, event) -> {
            throw new IllegalStateException("socket gone");
        }).build();
        Account ann = unreachable.add(anAccount(1, "ann"));
        Account ben = unreachable.add(anAccount(2, "ben"));
        unreachable.befriend(ann, ben);
        unreachable.send(ben, ann, "hi");

        assertThat(unreachable.useCases.markRead().mark(ann, "ben", 1)).isEqualTo(new ReadMark(1, true, 0));
    }
}
