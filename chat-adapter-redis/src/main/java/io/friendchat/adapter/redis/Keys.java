package io.friendchat.adapter.redis;

import io.friendchat.domain.account.AccountId;

/**
 * The names of everything the cluster keeps in Redis. Presence is a set of node ids per
 * account plus a liveness key per node: a node's heartbeat renews one key, however many
 * accounts it holds, and its accounts read offline once that key expires.
 */
final class Keys {

    static final String PREFIX = "friendchat:";
    /** {@code node:<node id>}: exists while the node is alive (renewed by its heartbeat, with a TTL). */
    static final String NODE = PREFIX + "node:";
    /** {@code held:<node id>}: the accounts a node holds live connections of. */
    static final String HELD = PREFIX + "held:";
    /** {@code online:<account id>}: the nodes holding live connections of an account. */
    static final String ONLINE = PREFIX + "online:";
    /** Every node that registered and was not reaped yet. */
    static final String NODES = PREFIX + "nodes";
    /** A random value written once; a new one means Redis lost its data (restarted without persistence). */
    static final String EPOCH = PREFIX + "epoch";
    static final String LIVE = PREFIX + "live:";

    private Keys() {
    }

    static String node(String nodeId) {
        return NODE + nodeId;
    }

    static String held(String nodeId) {
        return HELD + nodeId;
    }

    static String online(AccountId account) {
        return ONLINE + account.value();
    }

    /** The pub/sub channel of an account's live events. */
    static String live(AccountId account) {
        return LIVE + account.value();
    }

    /** The account of a live channel, or null when the channel is not one. */
    static AccountId accountOfLive(String channel) {
        if (!channel.startsWith(LIVE)) {
            return null;
        }
        try {
            return AccountId.of(Long.parseLong(channel.substring(LIVE.length())));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String typing(AccountId sender, AccountId receiver) {
        return PREFIX + "typing:" + sender.value() + ":" + receiver.value();
    }

    static String rate(AccountId account) {
        return PREFIX + "rate:" + account.value();
    }
}
