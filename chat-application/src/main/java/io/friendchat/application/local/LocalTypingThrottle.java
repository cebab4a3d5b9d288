package io.friendchat.application.local;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.TypingThrottle;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** The single-node typing throttle: the time of the last forwarded signal per pair, in memory. */
public final class LocalTypingThrottle implements TypingThrottle {

    private record Pair(AccountId sender, AccountId receiver) {
    }

    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Pair, Long> lastForwarded = new ConcurrentHashMap<>();

    public LocalTypingThrottle(Duration window, LongSupplier nanoTime) {
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    public LocalTypingThrottle() {
        this(WINDOW, System::nanoTime);
    }

    @Override
    public boolean admit(AccountId sender, AccountId receiver) {
        long now = nanoTime.getAsLong();
        boolean[] admitted = {false};
        lastForwarded.compute(new Pair(sender, receiver), (pair, last) -> {
            if (last == null || now - last >= windowNanos) {
                admitted[0] = true;
                return now;
            }
            return last;
        });
        if (lastForwarded.size() > 100_000) {
            lastForwarded.values().removeIf(last -> now - last >= windowNanos);
        }
        return admitted[0];
    }
}
