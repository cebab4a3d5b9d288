package io.friendchat.application.live;

import io.friendchat.application.ChatSettings;
import io.friendchat.application.fixtures.TestChat;
import io.friendchat.application.live.CatchUp.Replay;
import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CatchUpTest {

    private final TestChat chat = TestChat.aChatWhere().rateLimit(0).build();
    private final Account alice = chat.add(anAccount(1, "alice"));
    private final Account bob = chat.add(anAccount(2, "bob").withFullName("Bob Builder")
            .withPicture("http://pics/bob.jpg"));
    private final Account carol = chat.add(anAccount(3, "carol"));

    {
        chat.befriend(alice, bob);
        chat.befriend(alice, carol);
    }

    private Replay aliceCatchesUpAfter(long after) {
        return chat.useCases.catchUp().replay(alice, after);
    }

    private List<Message> bobSends(int count) {
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            sent.add(chat.send(bob, alice, "m" + i));
        }
        return sent;
    }

    private static List<Long> ids(Replay replay) {
        return replay.events().stream().map(NewMessageEvent::id).toList();
    }

    @Test
    void after_0_replays_every_message_received_oldest_first() {
        Message fromBob = chat.send(bob, alice, "hi");
        chat.send(alice, bob, "sent by alice, not received");
        Message fromCarol = chat.send(carol, alice, "hey");

        Replay replay = aliceCatchesUpAfter(0);

        assertThat(ids(replay)).containsExactly(fromBob.id().value(), fromCarol.id().value());
        assertThat(replay.more()).isFalse();
        assertThat(replay.lastId()).isEqualTo(fromCarol.id().value());
    }

    @Test
    void each_replayed_event_is_the_new_message_event_with_the_senders_profile() {
        chat.send(bob, alice, "hi");
        chat.send(carol, alice, "hey");

        assertThat(aliceCatchesUpAfter(0).events()).containsExactly(
                new NewMessageEvent(1, "bob", "alice", "hi", TestChat.START, "http://pics/bob.jpg", "Bob Builder"),
                new NewMessageEvent(2, "carol", "alice", "hey", TestChat.START, ChatSettings.DEFAULT_PICTURE, ""));
    }

    @Test
    void after_an_id_replays_only_later_messages() {
        List<Message> sent = bobSends(5);

        Replay replay = aliceCatchesUpAfter(sent.get(2).id().value());

        assertThat(ids(replay)).containsExactly(4L, 5L);
        assertThat(replay.lastId()).isEqualTo(5);
    }

    @Test
    void nothing_new_replays_nothing_and_keeps_the_position() {
        bobSends(3);

        Replay replay = aliceCatchesUpAfter(3);

        assertThat(replay.events()).isEmpty();
        assertThat(replay.more()).isFalse();
        assertThat(replay.lastId()).isEqualTo(3);
    }

    @Test
    void at_most_500_are_replayed_and_then_more_is_said() {
        bobSends(501);

        Replay replay = aliceCatchesUpAfter(0);

        assertThat(replay.events()).hasSize(500);
        assertThat(replay.events().get(0).id()).isEqualTo(1);
        assertThat(replay.lastId()).isEqualTo(500);
        assertThat(replay.more()).isTrue();
    }

    @Test
    void exactly_500_are_replayed_without_more() {
        bobSends(500);

        Replay replay = aliceCatchesUpAfter(0);

        assertThat(replay.events()).hasSize(500);
        assertThat(replay.more()).isFalse();
    }

    @Test
    void the_next_replay_continues_where_the_last_one_stopped() {
        bobSends(700);

        Replay first = aliceCatchesUpAfter(0);
        Replay second = aliceCatchesUpAfter(first.lastId());

        assertThat(ids(second)).hasSize(200).first().isEqualTo(501L);
        assertThat(second.more()).isFalse();
    }

    @Test
    void only_messages_from_current_friends_are_replayed_but_the_position_passes_the_others() {
        Message fromBob = chat.send(bob, alice, "hi");
        chat.send(carol, alice, "from a friend who will leave");
        chat.unfriend(alice, carol);

        Replay replay = aliceCatchesUpAfter(0);

        assertThat(ids(replay)).containsExactly(fromBob.id().value());
        assertThat(replay.lastId()).isEqualTo(2);
    }

    @Test
    void a_negative_position_is_invalid() {
        assertThatThrownBy(() -> aliceCatchesUpAfter(-1))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'after' must be a message id (an integer of at least 0).");
    }

    @Test
    void the_latest_received_id_starts_a_live_stream_past_what_the_account_already_received() {
        assertThat(chat.useCases.catchUp().latestReceived(alice.id())).isZero();
        chat.send(bob, alice, "one");
        Message latest = chat.send(carol, alice, "two");
        chat.send(alice, bob, "sent by alice");

        assertThat(chat.useCases.catchUp().latestReceived(alice.id())).isEqualTo(latest.id().value());
    }

    @Test
    void events_of_messages_read_back_keep_their_order_and_come_only_from_current_friends() {
        chat.send(bob, alice, "hi");
        chat.send(carol, alice, "from a friend who will leave");
        chat.send(bob, alice, "again");
        chat.unfriend(alice, carol);
        CatchUp catchUp = chat.useCases.catchUp();

        List<Message> received = catchUp.receivedAfter(alice.id(), 0, 10);

        assertThat(received).extracting(message -> message.id().value()).containsExactly(1L, 2L, 3L);
        assertThat(catchUp.receivedAfter(alice.id(), 2, 10)).extracting(message -> message.id().value())
                .containsExactly(3L);
        assertThat(catchUp.eventsOf(alice.id(), received)).containsExactly(
                new NewMessageEvent(1, "bob", "alice", "hi", TestChat.START, "http://pics/bob.jpg", "Bob Builder"),
                new NewMessageEvent(3, "bob", "alice", "again", TestChat.START, "http://pics/bob.jpg", "Bob Builder"));
    }

    @Test
    void events_of_an_account_that_is_gone_are_none() {
        List<Message> received = List.of(chat.send(bob, alice, "hi"));

        assertThat(chat.useCases.catchUp().eventsOf(io.friendchat.domain.account.AccountId.of(99), received))
                .isEmpty();
    }
}
