package io.friendchat.adapter.redis;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.ratelimit.Permit;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One token bucket per account in Redis, shared by every node ({@code perSecond} a second,
 * bursts of twice that, on Redis's clock). While Redis cannot answer, each node uses its
 * own local buckets: the limit is then per node, never gone and never refusing everything.
 */
final class ClusterRateLimiter implements RateLimiter {

    private static final Logger LOG = Logger.getLogger(ClusterRateLimiter.class.getName());

    private final Link link;
    private final Duration wait;
    private final BooleanSupplier up;
    private final RateLimiter localFallback;
    private final String perSecond;
    private final String burst;

    ClusterRateLimiter(Link link, Duration wait, BooleanSupplier up, int perSecond, RateLimiter localFallback) {
        this.link = link;
        this.wait = wait;
        this.up = up;
        this.localFallback = localFallback;
        this.perSecond = Integer.toString(perSecond);
        this.burst = Integer.toString(2 * perSecond);
    }

    @Override
    public Permit acquire(AccountId account) {
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null || !up.getAsBoolean()) {
            return localFallback.acquire(account);
        }
        try {
            List<Object> answer = Await.result(Scripts.TAKE_TOKEN.<List<Object>>run(redis,
                    new String[] {Keys.rate(account)}, perSecond, burst), wait);
            if ((Long) answer.get(0) == 1L) {
                return Permit.GRANTED;
            }
            return Permit.refused(Duration.ofNanos(Math.multiplyExact((Long) answer.get(1), 1000L)));
        } catch (Await.Unavailable e) {
            LOG.log(Level.FINE, "rate limit from this node's own buckets: Redis did not answer", e);
            return localFallback.acquire(account);
        }
    }
}
