package io.friendchat.application.message;

import io.friendchat.application.ChatSettings;
import io.friendchat.application.fixtures.TestChat;
import io.friendchat.application.message.SendMessage.Sent;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageId;
import io.friendchat.domain.message.Appended;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.domain.ratelimit.Permit;
import io.friendchat.domain.ratelimit.RateLimited;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.friendchat.domain.store.StoreUnavailable;
import io.friendchat.testkit.RecordingNotifier.Delivery;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    void the_receiver_is_pushed_the_message_only_once_the_store_has_it() {
        List<String> log = new ArrayList<>();
        MessageStore logged = new StoreWithAppendHook(chat.messages, (draft, append) -> {
            log.add("append");
            Appended appended = append.apply(draft);
            log.add("stored " + chat.messages.all().size());
            return appended;
        });
        SendMessage send = new SendMessage(chat.directory, chat.directory, logged,
                RateLimiter.unlimited(), (recipient, event) -> log.add("push " + recipient), chat.clock,
                ChatSettings.defaults());

        send.send(new SendMessage.Command(alice, "bob", "hi", null));

        assertThat(log).containsExactly("append", "stored 1", "push 2");
    }

    @Test
    void a_store_that_fails_fails_the_send_and_pushes_nothing() {
        MessageStore down = new StoreWithAppendHook(chat.messages, (draft, append) -> {
            throw new StoreUnavailable("The database cannot be reached.", new IllegalStateException());
        });
        SendMessage send = new SendMessage(chat.directory, chat.directory, down,
                RateLimiter.unlimited(), chat.notifier, chat.clock, ChatSettings.defaults());

        assertThatThrownBy(() -> send.send(new SendMessage.Command(alice, "bob", "hi", null)))
                .isInstanceOf(StoreUnavailable.class);
        assertThat(chat.messages.all()).isEmpty();
        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void a_duplicate_sent_while_the_first_is_being_stored_gets_its_message_without_a_rate_limit_token()
            throws Exception {
        CountDownLatch firstInStore = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MessageStore held = new StoreWithAppendHook(chat.messages, (draft, append) -> {
            firstInStore.countDown();
            StoreWithAppendHook.holdUntil(release);
            return append.apply(draft);
        });
        AtomicInteger permits = new AtomicInteger(1);
        AtomicInteger asked = new AtomicInteger();
        RateLimiter oneToken = account -> {
            asked.incrementAndGet();
            return permits.getAndDecrement() > 0 ? Permit.GRANTED : Permit.refused(Duration.ofSeconds(1));
        };
        SendMessage send = new SendMessage(chat.directory, chat.directory, held, oneToken,
                chat.notifier, chat.clock, ChatSettings.defaults());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Sent> first = threads.submit(() -> send.send(new SendMessage.Command(alice, "bob", "hi", "c-1")));
            assertThat(firstInStore.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Sent> duplicate = threads.submit(
                    () -> send.send(new SendMessage.Command(alice, "bob", "hi again", "c-1")));
            Thread.sleep(50); // give the duplicate time to reach the rate limiter, were it not held back
            release.countDown();

            Sent stored = first.get(10, TimeUnit.SECONDS);
            Sent replayed = duplicate.get(10, TimeUnit.SECONDS);
            assertThat(stored.replayed()).isFalse();
            assertThat(replayed).isEqualTo(new Sent(stored.message(), true));
            assertThat(asked).hasValue(1);
            assertThat(chat.messages.all()).containsExactly(stored.message());
            assertThat(chat.notifier.deliveries()).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_duplicate_of_a_refused_send_is_judged_on_its_own() {
        AtomicInteger permits = new AtomicInteger(0);
        RateLimiter tokens = account -> permits.getAndDecrement() > 0
                ? Permit.GRANTED : Permit.refused(Duration.ofSeconds(1));
        SendMessage send = new SendMessage(chat.directory, chat.directory, chat.messages,
                tokens, chat.notifier, chat.clock, ChatSettings.defaults());

        assertThatThrownBy(() -> send.send(new SendMessage.Command(alice, "bob", "hi", "c-2")))
                .isInstanceOf(RateLimited.class);
        permits.set(1);
        Sent later = send.send(new SendMessage.Command(alice, "bob", "hi", "c-2"));

        assertThat(later.replayed()).isFalse();
        assertThat(chat.messages.all()).containsExactly(later.message());
    }
}
