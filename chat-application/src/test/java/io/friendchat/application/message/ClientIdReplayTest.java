package io.friendchat.application.message;

import io.friendchat.application.fixtures.TestChat;
import io.friendchat.application.message.SendMessage.Sent;
import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.message.ClientId;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.ratelimit.RateLimited;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClientIdReplayTest {

    private final TestChat chat = TestChat.aChatWhere().rateLimit(1).build(); // bursts of 2
    private final Account alice = chat.add(anAccount(1, "alice"));
    private final Account bob = chat.add(anAccount(2, "bob"));
    private final Account carol = chat.add(anAccount(3, "carol"));

    {
        chat.befriend(alice, bob);
        chat.befriend(alice, carol);
    }

    @Test
    void the_first_send_under_a_client_id_stores_it_with_the_message() {
        Sent sent = chat.send(alice, "bob", "hi", "c-1");

        assertThat(sent.replayed()).isFalse();
        assertThat(sent.message().clientId()).isEqualTo(ClientId.of("c-1"));
        assertThat(chat.messages.all()).containsExactly(sent.message());
    }

    @Test
    void a_retry_gets_the_first_message_with_the_same_id_and_time() {
        chat.clock.set(TestChat.START.plusNanos(123_456_789));
        Sent first = chat.send(alice, "bob", "hi", "c-1");
        chat.clock.advance(Duration.ofMinutes(3));

        Sent retry = chat.send(alice, "bob", "hi", "c-1");

        assertThat(retry.replayed()).isTrue();
        assertThat(retry.message()).isEqualTo(first.message());
        assertThat(retry.message().sentAt()).isEqualTo(TestChat.START.plusNanos(123_456_000));
    }

    @Test
    void a_retry_stores_and_notifies_nothing_new() {
        chat.send(alice, "bob", "hi", "c-1");
        chat.notifier.clear();

        chat.send(alice, "bob", "hi", "c-1");

        assertThat(chat.messages.all()).hasSize(1);
        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void a_retry_answers_the_first_send_whatever_its_new_account_and_message_say() {
        Sent first = chat.send(alice, "bob", "hi bob", "c-1");

        Sent toCarol = chat.send(alice, "carol", "hi carol", "c-1");
        Sent toNobody = chat.send(alice, "nobody-at-all", "hello?", "c-1");

        assertThat(toCarol.message()).isEqualTo(first.message());
        assertThat(toNobody.message()).isEqualTo(first.message());
        assertThat(chat.messages.all()).containsExactly(first.message());
    }

    @Test
    void a_retry_succeeds_after_the_pair_stopped_being_friends() {
        Sent first = chat.send(alice, "bob", "hi", "c-1");
        chat.unfriend(alice, bob);

        Sent retry = chat.send(alice, "bob", "hi", "c-1");

        assertThat(retry.message()).isEqualTo(first.message());
        assertThat(retry.replayed()).isTrue();
    }

    @Test
    void a_retry_succeeds_while_the_sender_is_rate_limited_and_takes_no_token() {
        Sent first = chat.send(alice, "bob", "one", "c-1");
        chat.send(alice, "bob", "two", null);
        assertThatThrownBy(() -> chat.send(alice, "bob", "three", null)).isInstanceOf(RateLimited.class);

        Sent retry = chat.send(alice, "bob", "one", "c-1");

        assertThat(retry.message()).isEqualTo(first.message());
        chat.nanoTime.advance(Duration.ofSeconds(1)); // one token back
        chat.send(alice, "bob", "one", "c-1");
        assertThat(chat.send(alice, "bob", "four", null).replayed()).isFalse();
        assertThat(chat.messages.all()).extracting(Message::text).containsExactly("one", "two", "four");
    }

    @Test
    void a_client_id_belongs_to_its_sender_so_another_sender_may_use_it_too() {
        Sent fromAlice = chat.send(alice, "bob", "from alice", "same");

        Sent fromBob = chat.send(bob, "alice", "from bob", "same");

        assertThat(fromBob.replayed()).isFalse();
        assertThat(fromBob.message().id()).isNotEqualTo(fromAlice.message().id());
        assertThat(chat.messages.all()).hasSize(2);
    }

    @Test
    void a_retry_with_a_malformed_body_is_still_invalid_because_the_shape_is_checked_first() {
        chat.send(alice, "bob", "hi", "c-1");

        assertThatThrownBy(() -> chat.send(alice, "bob", " ", "c-1")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> chat.send(alice, "", "hi", "c-1")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_client_id_of_64_code_points_is_accepted_and_65_refused() {
        String emoji = "\uD83D\uDE00";

        assertThat(chat.send(alice, "bob", "hi", emoji.repeat(64)).replayed()).isFalse();
        assertThatThrownBy(() -> chat.send(alice, "bob", "hi", emoji.repeat(65)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'client_id' must be a string of 1 to 64 characters.");
    }

    @Test
    void an_empty_client_id_is_refused_and_stores_nothing() {
        assertThatThrownBy(() -> chat.send(alice, "bob", "hi", "")).isInstanceOf(InvalidInput.class);

        assertThat(chat.messages.all()).isEmpty();
    }

    @Test
    void duplicates_sent_at_the_same_time_store_exactly_one_message_and_each_gets_it() throws Exception {
        TestChat busy = TestChat.aChatWhere().rateLimit(0).build();
        Account ann = busy.add(anAccount(1, "ann"));
        Account ben = busy.add(anAccount(2, "ben"));
        busy.befriend(ann, ben);
        int senders = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<Sent>> answers = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                Callable<Sent> send = () -> {
                    start.await(5, TimeUnit.SECONDS);
                    return busy.send(ann, "ben", "once", "dup");
                };
                answers.add(pool.submit(send));
            }
            start.countDown();
            List<Message> answered = new ArrayList<>();
            for (Future<Sent> answer : answers) {
                answered.add(answer.get(5, TimeUnit.SECONDS).message());
            }

            assertThat(busy.messages.all()).hasSize(1);
            assertThat(answered).containsOnly(busy.messages.all().get(0));
            assertThat(busy.notifier.deliveries()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
