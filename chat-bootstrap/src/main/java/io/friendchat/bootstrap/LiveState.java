package io.friendchat.bootstrap;

import io.friendchat.adapter.redis.RedisCluster;
import io.friendchat.adapter.redis.RedisSettings;
import io.friendchat.adapter.websocket.LiveSessions;
import io.friendchat.adapter.websocket.SocketRouting;
import io.friendchat.application.live.AnnouncePresence;
import io.friendchat.application.live.CatchUp;
import io.friendchat.application.local.LocalPresence;
import io.friendchat.application.local.LocalTypingThrottle;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.live.Notifier;
import io.friendchat.domain.live.Presence;
import io.friendchat.domain.live.TypingThrottle;
import io.friendchat.domain.ratelimit.RateLimiter;

import java.time.Duration;
import java.util.Map;

/**
 * The ports that hold live state — who is online, where events go, the rate limit
 * and the typing throttle: this node's own, or shared by every node through Redis.
 * The use cases are the same either way; only these implementations change.
 */
final class LiveState implements AutoCloseable {

    final Notifier notifier;
    final Presence presence;
    final RateLimiter rateLimiter;
    final TypingThrottle typingThrottle;
    private final RedisCluster cluster;

    private LiveState(Notifier notifier, Presence presence, RateLimiter rateLimiter, TypingThrottle typingThrottle,
                      RedisCluster cluster) {
        this.notifier = notifier;
        this.presence = presence;
        this.rateLimiter = rateLimiter;
        this.typingThrottle = typingThrottle;
        this.cluster = cluster;
    }

    static LiveState singleNode(LiveSessions sessions, RateLimiter rateLimiter) {
        return new LiveState(sessions, new LocalPresence(), rateLimiter, new LocalTypingThrottle(), null);
    }

    /**
     * One node of several: events and presence go through Redis, and this node's
     * sockets are routed before their handshakes complete. While Redis is down the
     * node keeps serving its own sockets, with {@code localLimiter} as the rate limit. {@code store}
     * reads back what an account received, to put its messages in commit order on this node.
     */
    static LiveState cluster(String redisUrl, String nodeName, Duration presenceTtl, int ratePerSecond,
                             LiveSessions sessions, RateLimiter localLimiter, CatchUp store) {
        RedisCluster cluster = RedisCluster.connect(
                new RedisSettings(redisUrl, nodeName, presenceTtl, ratePerSecond), sessions, localLimiter, store);
        sessions.routeThrough(new SocketRouting() {
            @Override
            public void holding(AccountId account) {
                cluster.hold(account);
            }

            @Override
            public void released(AccountId account) {
                cluster.release(account);
            }
        });
        return new LiveState(cluster.notifier(), cluster.presence(), cluster.rateLimiter(), cluster.typingThrottle(),
                cluster);
    }

    /** Tells online friends when accounts of a node that died go offline (and come back), exactly once. */
    void announceChanges(Accounts accounts, Friendships friendships) {
        if (cluster != null) {
            AnnouncePresence announce = new AnnouncePresence(accounts, friendships, presence, notifier);
            cluster.onAccountsOffline(announce::offline);
            cluster.onAccountsOnline(announce::online);
        }
    }

    /** Adds {@code "redis"} to a health report when there are several nodes. */
    void reportHealth(Map<String, Boolean> components) {
        if (cluster != null) {
            components.put("redis", cluster.isUp());
        }
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
