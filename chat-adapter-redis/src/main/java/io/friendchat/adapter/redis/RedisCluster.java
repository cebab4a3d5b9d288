package io.friendchat.adapter.redis;

import io.friendchat.application.live.CatchUp;
import io.friendchat.application.local.LocalTypingThrottle;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.Notifier;
import io.friendchat.domain.live.Presence;
import io.friendchat.domain.live.TypingThrottle;
import io.friendchat.domain.ratelimit.RateLimiter;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One friendchat node's membership of a cluster of nodes sharing one database: the
 * ports that must see every node (notifier, presence, rate limiter, typing throttle),
 * backed by Redis, each falling back to this node alone while Redis is unreachable.
 * Nodes receive only the events of accounts they hold connections of.
 */
public final class RedisCluster implements AutoCloseable {

    /** Threads reading accounts' new messages back from the store, to deliver them in commit order. */
    private static final int READERS = 2;

    private final String nodeId;
    private final Link link;
    private final Routes routes;
    private final ClusterNotifier notifier;
    private final ClusterPresence presence;
    private final RateLimiter rateLimiter;
    private final TypingThrottle typingThrottle;
    private final PresenceListeners listeners;
    private final Upkeep upkeep;
    private final ScheduledExecutorService upkeepThread;
    private final ExecutorService announcer;
    private final ScheduledExecutorService readers;
    private final InOrderDelivery inOrder;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisCluster(RedisSettings settings, Notifier localDelivery, RateLimiter localFallback, CatchUp store) {
        this.nodeId = settings.nodeId() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.upkeepThread = Executors.newSingleThreadScheduledExecutor(daemon("friendchat-redis-upkeep-" + nodeId));
        this.announcer = Executors.newSingleThreadExecutor(daemon("friendchat-redis-presence-" + nodeId));
        this.readers = Executors.newScheduledThreadPool(READERS, daemon("friendchat-redis-reader-" + nodeId));
        this.inOrder = new InOrderDelivery(localDelivery, store, readers);
        AtomicBoolean stale = new AtomicBoolean(true);
        this.link = new Link(settings, () -> stale.set(true));
        this.routes = new Routes(link, nodeId, inOrder, settings.commandTimeout(), upkeepThread, stale,
                inOrder::readAll);
        link.onMessage(routes::onMessage);
        this.notifier = new ClusterNotifier(link, nodeId, inOrder);
        this.presence = new ClusterPresence(link, nodeId, settings.commandTimeout(), routes, this::isUp, stale);
        this.rateLimiter = settings.ratePerSecond() == 0
                ? RateLimiter.unlimited()
                : new ClusterRateLimiter(link, settings.commandTimeout(), this::isUp, settings.ratePerSecond(),
                        localFallback);
        this.typingThrottle = new ClusterTypingThrottle(link, settings.commandTimeout(), this::isUp,
                new LocalTypingThrottle());
        this.listeners = new PresenceListeners(announcer);
        this.upkeep = new Upkeep(link, nodeId, settings, routes, presence, stale, listeners);
    }

    /**
     * Joins the cluster: connects to Redis (when it is down, the node starts alone and joins
     * once it answers) and starts the heartbeat.
     *
     * @param localDelivery this node's live sockets (delivers to local sockets only, never blocking)
     * @param localFallback this node's own rate limiter, used while Redis is unreachable
     * @param store         reads back what an account received, so that this node's sockets get an
     *                      account's messages in commit order whichever node committed them
     */
    public static RedisCluster connect(RedisSettings settings, Notifier localDelivery, RateLimiter localFallback,
                                       CatchUp store) {
        RedisCluster cluster = new RedisCluster(Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(localDelivery, "localDelivery"),
                Objects.requireNonNull(localFallback, "localFallback"),
                Objects.requireNonNull(store, "store"));
        cluster.upkeep.run();
        long every = settings.heartbeatEvery().toNanos();
        cluster.upkeepThread.scheduleWithFixedDelay(cluster.upkeep, every, every, TimeUnit.NANOSECONDS);
        return cluster;
    }

    /** Delivers to this node's sockets directly and to the other nodes holding the account through Redis. */
    public Notifier notifier() {
        return notifier;
    }

    /** Online means a connection on any live node. */
    public Presence presence() {
        return presence;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public TypingThrottle typingThrottle() {
        return typingThrottle;
    }

    /** Redis answers and both connections are open: cross-node delivery and presence work. */
    public boolean isUp() {
        return upkeep.beating() && link.isOpen();
    }

    /**
     * A connection of the account is being admitted on this node: call it BEFORE its
     * handshake completes. It returns once the account's events from other nodes reach
     * this node (Redis acknowledged the subscription), or after the command timeout when
     * Redis does not answer. Pair every call with one {@link #release}.
     */
    public void hold(AccountId account) {
        routes.hold(Objects.requireNonNull(account, "account"));
        // After the subscription: whatever is committed after this read comes as an event.
        inOrder.opening(account);
    }

    /** A connection admitted with {@link #hold} is gone (closed, dropped, or never opened). */
    public void release(AccountId account) {
        inOrder.closed(Objects.requireNonNull(account, "account"));
        routes.release(account);
    }

    /**
     * Accounts that went offline over the whole cluster without a connection of this node
     * closing: another node died and this node reaped it (exactly one node hears of each),
     * or this node's own claims were put right after an outage. Told on a thread of the
     * cluster's own, never a caller's; pass {@code AnnouncePresence::offline}.
     */
    public void onAccountsOffline(Consumer<Set<AccountId>> listener) {
        listeners.onOffline(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Accounts that came online over the cluster without a connection opening now: this
     * node's claims were restored after Redis lost them for it (an outage longer than the
     * presence lifetime). Pass {@code AnnouncePresence::online}.
     */
    public void onAccountsOnline(Consumer<Set<AccountId>> listener) {
        listeners.onOnline(Objects.requireNonNull(listener, "listener"));
    }

    /** This node's id in Redis: the configured name and a random suffix for this start. */
    public String nodeId() {
        return nodeId;
    }

    /**
     * Leaves the cluster: stops the heartbeat, gives up this node's presence (the accounts
     * it still held and nobody else does are announced offline, through the listeners,
     * before this returns), then disconnects. Close the live sockets first.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopUpkeep();
        readers.shutdownNow();
        upkeep.leave();
        announcer.shutdown();
        try {
            announcer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        announcer.shutdownNow();
        link.close();
    }

    /** Stops as a killed process would: no goodbye, the presence claims left to expire. For tests. */
    void halt() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopUpkeep();
        readers.shutdownNow();
        announcer.shutdownNow();
        link.close();
    }

    /** Events this node could not publish to the others since start. For tests and metrics. */
    long unpublished() {
        return notifier.unpublished();
    }

    private void stopUpkeep() {
        upkeepThread.shutdownNow();
        try {
            upkeepThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
