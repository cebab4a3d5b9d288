package io.friendchat.adapter.redis;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.Notifier;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which accounts' events this node receives: it subscribes to an account's channel while
 * it holds at least one of that account's connections, and hands what arrives from other
 * nodes to its local delivery. Holding is counted; the first hold waits (bounded) until
 * Redis acknowledged the subscription, so an event published after it returns reaches
 * this node.
 */
final class Routes {

    private static final Logger LOG = Logger.getLogger(Routes.class.getName());
    private static final int STRIPES = 64;

    private static final class Route {
        int holders;
        CompletableFuture<?> subscribed;
    }

    private final Link link;
    private final String nodeId;
    private final Notifier localDelivery;
    private final Duration wait;
    private final Executor upkeep;
    private final AtomicBoolean stale;
    private final Runnable resubscribed;
    private final ConcurrentHashMap<AccountId, Route> routes = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[STRIPES];

    /**
     * @param upkeep where unsubscribing from a channel nobody here holds runs (never on a Lettuce thread)
     * @param stale  set when a subscription failed, so that the next upkeep subscribes everything again
     * @param resubscribed told (on a Lettuce thread, so it must not block) once every channel held here is
     *                     subscribed again: events published meanwhile never came
     */
    Routes(Link link, String nodeId, Notifier localDelivery, Duration wait, Executor upkeep, AtomicBoolean stale,
           Runnable resubscribed) {
        this.link = link;
        this.nodeId = nodeId;
        this.localDelivery = localDelivery;
        this.wait = wait;
        this.upkeep = upkeep;
        this.stale = stale;
        this.resubscribed = resubscribed;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** One more holder of the account here; returns once its channel is subscribed, or after the wait. */
    void hold(AccountId account) {
        CompletableFuture<?> ready;
        synchronized (stripe(account)) {
            Route route = routes.computeIfAbsent(account, id -> new Route());
            route.holders++;
            if (route.subscribed == null || route.subscribed.isCompletedExceptionally()) {
                route.subscribed = subscribe(List.of(Keys.live(account)));
            }
            ready = route.subscribed;
        }
        try {
            Await.result(ready, wait);
        } catch (Await.Unavailable e) {
            stale.set(true);
            LOG.log(Level.FINE, "could not subscribe to an account's events now; retried once Redis answers", e);
        }
    }

    /** One holder fewer; the last one unsubscribes (without waiting). */
    void release(AccountId account) {
        synchronized (stripe(account)) {
            Route route = routes.get(account);
            if (route == null) {
                return;
            }
            if (--route.holders <= 0) {
                routes.remove(account);
                unsubscribe(Keys.live(account));
            }
        }
    }

    boolean holds(AccountId account) {
        return routes.containsKey(account);
    }

    /** Subscribes again to the channel of every account held here (after a reconnect or a failure). */
    void resubscribeAll() {
        Map<Integer, List<AccountId>> byStripe = new HashMap<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (AccountId account : routes.keySet()) {
            byStripe.computeIfAbsent(stripeOf(account), i -> new ArrayList<>()).add(account);
        }
        for (Map.Entry<Integer, List<AccountId>> group : byStripe.entrySet()) {
            synchronized (stripes[group.getKey()]) {
                List<Route> held = new ArrayList<>();
                List<String> channels = new ArrayList<>();
                for (AccountId account : group.getValue()) {
                    Route route = routes.get(account);
                    if (route != null) {
                        held.add(route);
                        channels.add(Keys.live(account));
                    }
                }
                if (!channels.isEmpty()) {
                    CompletableFuture<?> subscribed = subscribe(channels);
                    held.forEach(route -> route.subscribed = subscribed);
                    all.add(subscribed);
                }
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            if (failure != null) {
                stale.set(true);
            } else {
                resubscribed.run();
            }
        });
    }

    /** A message on a subscribed channel, on a Lettuce thread: deliver it here unless this node published it. */
    void onMessage(String channel, String message) {
        AccountId account = Keys.accountOfLive(channel);
        if (account == null) {
            return;
        }
        if (!routes.containsKey(account)) {
            forgetLater(account);
            return;
        }
        EventCodec.Envelope envelope;
        try {
            envelope = EventCodec.decode(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dropped a live event that could not be read, on channel " + channel, e);
            return;
        }
        if (nodeId.equals(envelope.origin())) {
            // This node delivered it to its own sockets directly when it published it.
            return;
        }
        try {
            localDelivery.deliver(account, envelope.event());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "local delivery of a " + envelope.event().kind() + " event failed", e);
        }
    }

    /** A channel still subscribed though no connection here holds its account (an unsubscribe lost in an outage). */
    private void forgetLater(AccountId account) {
        try {
            upkeep.execute(() -> {
                synchronized (stripe(account)) {
                    if (!routes.containsKey(account)) {
                        unsubscribe(Keys.live(account));
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "shutting down", e);
        }
    }

    private CompletableFuture<?> subscribe(List<String> channels) {
        RedisPubSubAsyncCommands<String, String> redis = link.subscriptions();
        if (redis == null) {
            return Await.notConnected();
        }
        try {
            return redis.subscribe(channels.toArray(String[]::new)).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void unsubscribe(String channel) {
        RedisPubSubAsyncCommands<String, String> redis = link.subscriptions();
        if (redis == null) {
            return;
        }
        try {
            redis.unsubscribe(channel);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not unsubscribe now", e);
        }
    }

    private Object stripe(AccountId account) {
        return stripes[stripeOf(account)];
    }

    private static int stripeOf(AccountId account) {
        return Math.floorMod(Long.hashCode(account.value()), STRIPES);
    }
}
