package io.friendchat.bootstrap.metrics;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.ratelimit.Permit;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts the sends the rate limiter refuses. */
final class CountingRateLimiter implements RateLimiter {

    private final RateLimiter delegate;
    private final Counter refused;

    CountingRateLimiter(RateLimiter delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.refused = Counter.builder("chat.messages.rate.limited")
                .description("Sends refused by the rate limit (429)").register(registry);
    }

    @Override
    public Permit acquire(AccountId account) {
        Permit permit = delegate.acquire(account);
        if (!permit.granted()) {
            refused.increment();
        }
        return permit;
    }
}
