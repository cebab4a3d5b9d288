package io.friendchat.domain.ratelimit;

import java.time.Duration;
import java.util.Objects;

/** The answer of a rate limiter: granted, or refused with the time to wait. */
public record Permit(Duration retryAfter) {

    public static final Permit GRANTED = new Permit(Duration.ZERO);

    public Permit {
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static Permit refused(Duration retryAfter) {
        return new Permit(retryAfter.isZero() ? Duration.ofNanos(1) : retryAfter);
    }

    public boolean granted() {
        return retryAfter.isZero();
    }
}
