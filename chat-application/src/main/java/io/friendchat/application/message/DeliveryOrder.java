package io.friendchat.application.message;

import io.friendchat.domain.account.AccountId;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps, per receiver, storing a message and handing it to the notifier in one
 * step, so an account's sockets get its messages in commit order, which is id
 * order. Without it two sends to one receiver can commit as 119 then 120 and be
 * pushed as 120 then 119, and a client that reconnects with {@code after=120}
 * would never see 119. The store's mailbox lock already serialises the commits;
 * this only stretches that order over the hand-over. Striped: unrelated receivers
 * rarely wait for each other, and then only for one commit.
 */
final class DeliveryOrder {

    private static final int STRIPES = 1024;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    DeliveryOrder() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    <T> T forReceiver(AccountId receiver, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(Long.hashCode(receiver.value()), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
