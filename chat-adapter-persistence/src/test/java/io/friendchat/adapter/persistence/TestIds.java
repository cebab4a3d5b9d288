package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.AccountId;

import java.util.concurrent.atomic.AtomicLong;

/** Account ids no other test of this JVM uses, far above the ids of the contract suites. */
final class TestIds {

    private static final AtomicLong NEXT = new AtomicLong(5_000_000_000L);

    private TestIds() {
    }

    static AccountId next() {
        return AccountId.of(NEXT.getAndIncrement());
    }
}
