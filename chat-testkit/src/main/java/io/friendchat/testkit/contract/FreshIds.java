package io.friendchat.testkit.contract;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Blocks of account ids that no other test of this JVM uses, so the suites also
 * run against a store that keeps the data of earlier tests (a shared database).
 */
final class FreshIds {

    static final long BLOCK = 1_000;
    /** Ids below this offset in a block are left free for ids a directory generates. */
    static final long OFFSET = 100;

    private static final AtomicLong NEXT = new AtomicLong(1_000);

    private FreshIds() {
    }

    /** The first id of a new block; a test uses {@code block + OFFSET + k} for small k. */
    static long block() {
        return NEXT.getAndIncrement() * BLOCK;
    }
}
