package io.friendchat.adapter.redis;

import io.friendchat.domain.account.AccountId;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's heartbeat, run a few times per presence lifetime: renews its liveness key,
 * tells whether Redis is up, puts subscriptions and presence claims right after a
 * reconnect or a miss, and reaps nodes whose liveness expired (announcing their accounts
 * offline, exactly once over the cluster since the reaping script is atomic).
 */
final class Upkeep implements Runnable {

    private static final Logger LOG = Logger.getLogger(Upkeep.class.getName());

    private final Link link;
    private final String nodeId;
    private final String ttlMillis;
    private final Duration wait;
    private final Routes routes;
    private final ClusterPresence presence;
    private final AtomicBoolean stale;
    private final PresenceListeners listeners;
    private volatile boolean beating;
    // Guarded by this: the data generation of Redis last seen.
    private String epoch;

    Upkeep(Link link, String nodeId, RedisSettings settings, Routes routes, ClusterPresence presence,
           AtomicBoolean stale, PresenceListeners listeners) {
        this.link = link;
        this.nodeId = nodeId;
        this.ttlMillis = Long.toString(settings.presenceTtl().toMillis());
        this.wait = settings.upkeepTimeout();
        this.routes = routes;
        this.presence = presence;
        this.stale = stale;
        this.listeners = listeners;
    }

    /** Whether the last heartbeat reached Redis. */
    boolean beating() {
        return beating;
    }

    @Override
    public synchronized void run() {
        try {
            beat();
        } catch (RuntimeException e) {
            beating = false;
            LOG.log(Level.WARNING, "Redis upkeep failed", e);
        }
    }

    /** Gives up this node's presence now (a clean shutdown): its accounts left nowhere else go offline. */
    synchronized void leave() {
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null || !link.isOpen()) {
            return;
        }
        try {
            Await.result(redis.del(Keys.node(nodeId)).toCompletableFuture(), wait);
            reap(redis);
        } catch (Await.Unavailable e) {
            LOG.log(Level.FINE, "could not leave the cluster cleanly; this node's presence expires by itself", e);
        }
    }

    private void beat() {
        if (!link.connect()) {
            beating = false;
            return;
        }
        RedisAsyncCommands<String, String> redis = link.commands();
        List<Object> answer;
        try {
            answer = Await.result(Scripts.HEARTBEAT.run(redis,
                    new String[] {Keys.node(nodeId), Keys.NODES, Keys.EPOCH},
                    nodeId, ttlMillis, UUID.randomUUID().toString()), wait);
        } catch (Await.Unavailable e) {
            if (beating) {
                LOG.log(Level.WARNING, "Redis is unreachable: events and presence stay on this node until it is back");
            }
            beating = false;
            return;
        }
        boolean wasBeating = beating;
        beating = true;
        if (!wasBeating) {
            LOG.info("Redis answers: events and presence are shared with the other nodes (node " + nodeId + ")");
        }
        boolean stillAlive = (Long) answer.get(0) == 1L;
        String seen = (String) answer.get(2);
        // Redis restarted empty: every claim is re-made, and nothing about it is news to anyone.
        boolean dataLost = epoch != null && !epoch.equals(seen);
        epoch = seen;
        if (stale.getAndSet(false) || !stillAlive || !wasBeating) {
            resync(dataLost);
        }
        try {
            reap(redis);
        } catch (Await.Unavailable e) {
            LOG.log(Level.FINE, "reaping dead nodes failed; the next heartbeat tries again", e);
        }
    }

    private void resync(boolean dataLost) {
        routes.resubscribeAll();
        try {
            ClusterPresence.Changes changes = presence.reconcile();
            if (!dataLost) {
                listeners.cameOnline(changes.cameOnline());
                listeners.wentOffline(changes.wentOffline());
            }
        } catch (Await.Unavailable e) {
            stale.set(true);
            LOG.log(Level.FINE, "presence not reconciled yet; the next heartbeat tries again", e);
        }
    }

    private void reap(RedisAsyncCommands<String, String> redis) throws Await.Unavailable {
        List<Object> offline = Await.result(Scripts.REAP.run(redis, new String[] {Keys.NODES},
                Keys.NODE, Keys.HELD, Keys.ONLINE), wait);
        Set<AccountId> gone = ClusterPresence.accounts(offline);
        listeners.wentOffline(gone);
    }
}
