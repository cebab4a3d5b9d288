package io.friendchat.application.message;

import io.friendchat.application.ChatSettings;
import io.friendchat.application.fixtures.TestChat;
import io.friendchat.application.message.SendMessage.Sent;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.message.AppendOutcome;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.NewMessage;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.friendchat.domain.store.StoreUnavailable;
import io.friendchat.testkit.RecordingNotifier.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sends to one receiver that wait while an earlier one is being stored go to the store
 * together in the next round, and are pushed in the order their ids were drawn.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DeliveryOrderTest {

    private static final int WAITING = 5;

    private final TestChat chat = TestChat.aChat();
    private final Account rita = chat.add(anAccount(1, "rita"));
    private final List<Account> friends = new ArrayList<>();
    private final List<List<String>> rounds = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstRoundInStore = new CountDownLatch(1);
    private final CountDownLatch releaseFirstRound = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    {
        for (int i = 0; i <= WAITING; i++) {
            Account friend = chat.add(anAccount(10 + i, "friend" + i));
            chat.befriend(friend, rita);
            friends.add(friend);
        }
    }

    /** Records each round's texts, holds the first one, and refuses any message whose text is "refused". */
    private final StoreWithAppendHook store = new StoreWithAppendHook(chat.messages, (draft, append) -> {
        if (draft.text().value().equals("refused")) {
            throw new StoreUnavailable("The database cannot be reached.", new IllegalStateException("test"));
        }
        return append.apply(draft);
    }) {
        @Override
        public List<AppendOutcome> appendAll(List<NewMessage> messages) {
            rounds.add(messages.stream().map(message -> message.text().value()).toList());
            if (rounds.size() == 1) {
                firstRoundInStore.countDown();
                StoreWithAppendHook.holdUntil(releaseFirstRound);
            }
            return super.appendAll(messages);
        }
    };

    private final SendMessage send = new SendMessage(chat.directory, chat.directory, store, RateLimiter.unlimited(),
            chat.notifier, chat.clock, ChatSettings.defaults());

    @AfterEach
    void stopThreads() {
        releaseFirstRound.countDown();
        threads.forEach(Thread::interrupt);
    }

    @Test
    void sends_that_wait_for_one_receiver_are_stored_in_one_round_and_pushed_in_id_order() throws Exception {
        CompletableFuture<Sent> first = sendOnThread(friends.get(0), "first");
        assertThat(firstRoundInStore.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Sent>> waiting = new ArrayList<>();
        for (int i = 1; i <= WAITING; i++) {
            waiting.add(sendOnThread(friends.get(i), "m" + i));
            awaitWaitingForTurn(threads.get(i));
        }
        releaseFirstRound.countDown();

        List<Message> stored = new ArrayList<>();
        stored.add(first.get(10, TimeUnit.SECONDS).message());
        for (CompletableFuture<Sent> sent : waiting) {
            stored.add(sent.get(10, TimeUnit.SECONDS).message());
        }
        assertThat(rounds).containsExactly(List.of("first"), List.of("m1", "m2", "m3", "m4", "m5"));
        assertThat(stored).extracting(message -> message.id().value()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(chat.notifier.deliveries()).extracting(Delivery::event)
                .extracting(event -> ((NewMessageEvent) event).id())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(chat.messages.all()).isEqualTo(stored);
    }

    @Test
    void a_send_the_store_refuses_fails_alone_and_the_rest_of_its_round_is_stored_and_pushed() throws Exception {
        CompletableFuture<Sent> first = sendOnThread(friends.get(0), "first");
        assertThat(firstRoundInStore.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Sent> before = sendOnThread(friends.get(1), "before");
        awaitWaitingForTurn(threads.get(1));
        CompletableFuture<Sent> refused = sendOnThread(friends.get(2), "refused");
        awaitWaitingForTurn(threads.get(2));
        CompletableFuture<Sent> after = sendOnThread(friends.get(3), "after");
        awaitWaitingForTurn(threads.get(3));
        releaseFirstRound.countDown();

        first.get(10, TimeUnit.SECONDS);
        Message stored1 = before.get(10, TimeUnit.SECONDS).message();
        Message stored2 = after.get(10, TimeUnit.SECONDS).message();
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(StoreUnavailable.class).hasMessage("The database cannot be reached.");
        assertThat(rounds).containsExactly(List.of("first"), List.of("before", "refused", "after"));
        assertThat(chat.messages.all()).extracting(Message::text).containsExactly("first", "before", "after");
        assertThat(chat.notifier.deliveries()).extracting(Delivery::event)
                .extracting(event -> ((NewMessageEvent) event).text())
                .containsExactly("first", "before", "after");
        assertThat(stored2.id()).isGreaterThan(stored1.id());
    }

    private CompletableFuture<Sent> sendOnThread(Account sender, String text) {
        CompletableFuture<Sent> sent = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                sent.complete(send.send(new SendMessage.Command(sender, "rita", text, null)));
            } catch (RuntimeException e) {
                sent.completeExceptionally(e);
            }
        }, "sender-" + text);
        threads.add(thread);
        thread.start();
        return sent;
    }

    /** Until the thread waits for its send's outcome or its turn (a round is being stored for this receiver). */
    private static void awaitWaitingForTurn(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("awaitOutcomeOrTurn"))) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError(thread.getName() + " never came to wait for its turn");
    }
}
