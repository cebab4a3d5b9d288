package io.friendchat.domain.ratelimit;

import io.friendchat.domain.ChatException;

import java.time.Duration;

/** The account sent too much too fast; it may try again after {@link #retryAfter()}. */
public final class RateLimited extends ChatException {

    private final Duration retryAfter;

    public RateLimited(Duration retryAfter) {
        super("Too many messages: slow down and try again in a moment.");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The wait in whole seconds, rounded up and at least one, as {@code Retry-After} wants it. */
    public long retryAfterSeconds() {
        long seconds = (retryAfter.toNanos() + 999_999_999L) / 1_000_000_000L;
        return Math.max(1, seconds);
    }
}
