package io.friendchat.adapter.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How one node joins the cluster.
 *
 * @param url            {@code redis://host:port} (CHAT_REDIS_URL); a password and database in the URL are honoured
 * @param nodeId         a readable name of this node (host name, say); a random suffix keeps every start distinct
 * @param presenceTtl    how long this node's presence outlives its last heartbeat: a node that dies reads
 *                       offline this long after, at most (about the WebSocket ping interval)
 * @param ratePerSecond  messages a second per account (CHAT_RATE_LIMIT), bursts of twice that; 0 turns it off
 * @param commandTimeout the longest any caller waits for Redis before it falls back to this node alone
 */
public record RedisSettings(String url, String nodeId, Duration presenceTtl, int ratePerSecond,
                            Duration commandTimeout) {

    /** What a caller waits for Redis at most unless told otherwise. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);
    /** The shortest presence lifetime that heartbeats (three per lifetime) can keep up. */
    public static final Duration MIN_PRESENCE_TTL = Duration.ofMillis(300);

    public RedisSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(presenceTtl, "presenceTtl");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new IllegalArgumentException("CHAT_REDIS_URL must look like redis://host:port");
        }
        if (nodeId.isBlank() || nodeId.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("a node id is a non-blank name without spaces");
        }
        if (presenceTtl.compareTo(MIN_PRESENCE_TTL) < 0) {
            throw new IllegalArgumentException("the presence lifetime must be at least " + MIN_PRESENCE_TTL);
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("the rate limit must be 0 (off) or more");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("the command timeout must be positive");
        }
    }

    public RedisSettings(String url, String nodeId, Duration presenceTtl, int ratePerSecond) {
        this(url, nodeId, presenceTtl, ratePerSecond, DEFAULT_COMMAND_TIMEOUT);
    }

    /** What the node's own upkeep (heartbeat, reconcile, reap) waits for Redis, and when a stuck command fails. */
    Duration upkeepTimeout() {
        Duration fourTimes = commandTimeout.multipliedBy(4);
        return fourTimes.compareTo(Duration.ofSeconds(2)) > 0 ? fourTimes : Duration.ofSeconds(2);
    }

    /** Heartbeats run this often: three per lifetime, and at least once a second (they also watch Redis's health). */
    Duration heartbeatEvery() {
        Duration third = presenceTtl.dividedBy(3);
        return third.compareTo(Duration.ofSeconds(1)) < 0 ? third : Duration.ofSeconds(1);
    }
}
