package io.friendchat.adapter.redis;

import io.friendchat.application.ChatSettings;
import io.friendchat.application.live.CatchUp;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.message.MessageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** One node's in-order delivery, without Redis: where an account's stream starts. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(30)
class InOrderDeliveryTest {

    private static final AccountId ALICE = Nodes.SharedStore.ALICE;

    private final Nodes.SharedStore shared = new Nodes.SharedStore();
    private final CountDownLatch latestAsked = new CountDownLatch(1);
    private final CountDownLatch latestMayAnswer = new CountDownLatch(1);
    private final ScheduledExecutorService readers = Executors.newScheduledThreadPool(1);
    private final LocalSockets sockets = new LocalSockets();
    private final InOrderDelivery delivery = new InOrderDelivery(sockets,
            new CatchUp(shared.directory, shared.directory, slowToTellTheLatest(shared.messages),
                    ChatSettings.defaults()), readers);

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    /** The shared store, but its latest-received read waits until the test lets it answer. */
    private MessageStore slowToTellTheLatest(MessageStore store) {
        return (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
                new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("latestReceivedId")) {
                        latestAsked.countDown();
                        latestMayAnswer.await();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void a_second_socket_admitted_while_the_first_reads_where_the_stream_starts_misses_nothing_after_it()
            throws Exception {
        sockets.opened(ALICE);
        sockets.opened(ALICE);
        Thread first = new Thread(() -> delivery.opening(ALICE));
        first.start();
        latestAsked.await();
        Thread second = new Thread(() -> delivery.opening(ALICE));
        second.start();
        second.join(300);

        // Were the second socket's handshake over now, this message was committed after it.
        NewMessageEvent afterTheSecond = second.isAlive() ? null : shared.bobSendsAlice("after the second socket");
        latestMayAnswer.countDown();
        first.join();
        second.join();
        if (afterTheSecond == null) {
            afterTheSecond = shared.bobSendsAlice("after the second socket");
        }
        delivery.deliver(ALICE, afterTheSecond);

        NewMessageEvent expected = afterTheSecond;
        Wait.until(Duration.ofSeconds(5), "the message reached the sockets",
                () -> sockets.deliveredTo(ALICE).contains(expected));
        assertThat(sockets.deliveredTo(ALICE)).containsExactly(expected);
    }
}
