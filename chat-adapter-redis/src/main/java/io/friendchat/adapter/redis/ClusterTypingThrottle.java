package io.friendchat.adapter.redis;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.TypingThrottle;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The typing throttle over every node: a key per sender and receiver set only if absent,
 * expiring after the window. While Redis cannot answer, this node throttles on its own.
 */
final class ClusterTypingThrottle implements TypingThrottle {

    private static final Logger LOG = Logger.getLogger(ClusterTypingThrottle.class.getName());

    private final Link link;
    private final Duration wait;
    private final BooleanSupplier up;
    private final TypingThrottle localFallback;
    private final SetArgs onceAWindow = SetArgs.Builder.nx().px(WINDOW.toMillis());

    ClusterTypingThrottle(Link link, Duration wait, BooleanSupplier up, TypingThrottle localFallback) {
        this.link = link;
        this.wait = wait;
        this.up = up;
        this.localFallback = localFallback;
    }

    @Override
    public boolean admit(AccountId sender, AccountId receiver) {
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null || !up.getAsBoolean()) {
            return localFallback.admit(sender, receiver);
        }
        try {
            String set = Await.result(redis.set(Keys.typing(sender, receiver), "1", onceAWindow).toCompletableFuture(),
                    wait);
            return "OK".equals(set);
        } catch (Await.Unavailable e) {
            LOG.log(Level.FINE, "typing throttled on this node alone: Redis did not answer", e);
            return localFallback.admit(sender, receiver);
        }
    }
}
