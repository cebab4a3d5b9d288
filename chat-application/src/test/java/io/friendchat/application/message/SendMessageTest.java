package io.friendchat.application.message;

import io.friendchat.application.ChatSettings;
import io.friendchat.application.fixtures.TestChat;
import io.friendchat.application.message.SendMessage.Sent;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageId;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.friendchat.domain.store.StoreUnavailable;
import io.friendchat.domain.store.Transactions;
import io.friendchat.testkit.RecordingNotifier.Delivery;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SendMessageTest {

    private final TestChat chat = TestChat.aChat();
    private final Account alice = chat.add(anAccount(1, "alice").withFullName("Alice Liddell")
            .withPicture("http://pics/alice.jpg"));
    private final Account bob = chat.add(anAccount(2, "bob").withFullName("Bob Builder"));

    {
        chat.befriend(alice, bob);
    }

    @Test
    void a_send_to_a_friend_stores_the_message_and_answers_it() {
        Sent sent = chat.send(alice, "bob", "hello", null);

        Message expected = new Message(MessageId.of(1), alice.id(), bob.id(), "hello", TestChat.START, null);
        assertThat(sent.message()).isEqualTo(expected);
        assertThat(sent.replayed()).isFalse();
        assertThat(chat.messages.all()).containsExactly(expected);
    }

    @Test
    void the_receiver_is_notified_with_the_senders_profile() {
        chat.send(alice, "bob", "hello", null);

        assertThat(chat.notifier.deliveries()).containsExactly(new Delivery(bob.id(),
                new NewMessageEvent(1, "alice", "bob", "hello", TestChat.START, "http://pics/alice.jpg",
                        "Alice Liddell")));
    }

    @Test
    void a_sender_without_a_picture_is_shown_with_the_default_picture() {
        chat.send(bob, "alice", "hi", null);

        assertThat(chat.notifier.deliveredTo(alice.id())).containsExactly(new NewMessageEvent(1, "bob", "alice", "hi",
                TestChat.START, ChatSettings.DEFAULT_PICTURE, "Bob Builder"));
    }

    @Test
    void the_sender_is_not_notified_of_their_own_message() {
        chat.send(alice, "bob", "hello", null);

        assertThat(chat.notifier.deliveredTo(alice.id())).isEmpty();
    }

    @Test
    void the_time_is_kept_to_the_microsecond_as_both_databases_keep_it() {
        chat.clock.set(TestChat.START.plusNanos(987_654_321));

        assertThat(chat.send(alice, bob, "hi").sentAt()).isEqualTo(TestChat.START.plusNanos(987_654_000));
    }

    @Test
    void message_ids_rise_with_each_send() {
        Message first = chat.send(alice, bob, "one");
        Message second = chat.send(bob, alice, "two");

        assertThat(second.id()).isGreaterThan(first.id());
    }

    @Test
    void a_failed_push_never_fails_the_send() {
        TestChat unreachable = TestChat.aChatWhere().notifier((recipient, event) -> {
            throw new IllegalStateException("socket gone");
        }).build();
        Account ann = unreachable.add(anAccount(1, "ann"));
        Account ben = unreachable.add(anAccount(2, "ben"));
        unreachable.befriend(ann, ben);

        Message sent = unreachable.send(ann, ben, "still stored");

        assertThat(unreachable.messages.all()).containsExactly(sent);
    }

    @Test
    void the_message_is_appended_in_a_transaction_and_pushed_only_after_the_commit() {
        List<String> log = new ArrayList<>();
        Transactions logged = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                log.add("begin");
                T result = work.get();
                log.add("commit " + chat.messages.all().size());
                return result;
            }
        };
        SendMessage send = new SendMessage(chat.directory, chat.directory, chat.messages, logged,
                RateLimiter.unlimited(), (recipient, event) -> log.add("push " + recipient), chat.clock,
                ChatSettings.defaults());

        send.send(new SendMessage.Command(alice, "bob", "hi", null));

        assertThat(log).containsExactly("begin", "commit 1", "push 2");
    }

    @Test
    void a_store_that_fails_fails_the_send_and_pushes_nothing() {
        Transactions down = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                throw new StoreUnavailable("The database cannot be reached.", new IllegalStateException());
            }
        };
        SendMessage send = new SendMessage(chat.directory, chat.directory, chat.messages, down,
                RateLimiter.unlimited(), chat.notifier, chat.clock, ChatSettings.defaults());

        assertThatThrownBy(() -> send.send(new SendMessage.Command(alice, "bob", "hi", null)))
                .isInstanceOf(StoreUnavailable.class);
        assertThat(chat.messages.all()).isEmpty();
        assertThat(chat.notifier.deliveries()).isEmpty();
    }
}
