package io.friendchat.application.local;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.ratelimit.Permit;
import io.friendchat.domain.ratelimit.RateLimiter;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The single-node rate limiter: one token bucket per account in memory, refilled
 * at {@code perSecond} tokens a second and holding at most {@code burst}.
 * Buckets that have refilled to full are forgotten, so idle accounts cost nothing.
 */
public final class TokenBucketRateLimiter implements RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Past this many remembered accounts, sends sweep out the buckets that are full again, once a second. */
    static final int SWEEP_ABOVE = 10_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<AccountId, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    public TokenBucketRateLimiter(double perSecond, double burst, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate above 0 and a burst of at least 1 are needed");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.lastSweep = nanoTime.getAsLong();
    }

    /** {@code perSecond} a second with bursts of twice that, on the JVM's monotonic clock. */
    public static TokenBucketRateLimiter perSecond(int perSecond) {
        return new TokenBucketRateLimiter(perSecond, 2.0 * perSecond, System::nanoTime);
    }

    @Override
    public Permit acquire(AccountId account) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_ABOVE && now - lastSweep > NANOS_PER_SECOND) {
            lastSweep = now;
            forgetIdle();
        }
        Bucket bucket = buckets.computeIfAbsent(account, id -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now, perSecond, burst);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Permit.GRANTED;
            }
            double missing = 1 - bucket.tokens;
            return Permit.refused(Duration.ofNanos((long) Math.ceil(missing / perSecond * NANOS_PER_SECOND)));
        }
    }

    /** Drops the buckets that are full again: they hold nothing a fresh bucket would not. */
    public void forgetIdle() {
        long now = nanoTime.getAsLong();
        buckets.entrySet().removeIf(entry -> {
            Bucket bucket = entry.getValue();
            synchronized (bucket) {
                bucket.refill(now, perSecond, burst);
                return bucket.tokens >= burst;
            }
        });
    }

    int trackedAccounts() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }

        void refill(long now, double perSecond, double burst) {
            // A difference, not a comparison: nanoTime may wrap around (its origin is arbitrary).
            if (now - updatedAt > 0) {
                tokens = Math.min(burst, tokens + (now - updatedAt) * perSecond / NANOS_PER_SECOND);
                updatedAt = now;
            }
        }
    }
}
