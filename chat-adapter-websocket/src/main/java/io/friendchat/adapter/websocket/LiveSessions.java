package io.friendchat.adapter.websocket;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.EventKind;
import io.friendchat.domain.live.LiveEvent;
import io.friendchat.domain.live.Notifier;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live sockets of this node, per account: the {@link Notifier} the core pushes
 * events through. An event is rendered once and queued on each socket that wants it;
 * delivering never blocks and never throws, and a socket that cannot keep up is
 * closed (1013) without delaying the others. It also pings every socket and runs the
 * sockets' database work (start, close, typing) on its own threads.
 */
public final class LiveSessions implements Notifier, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LiveSessions.class.getName());
    private static final int WORKERS = 8;

    private final WebSocketSettings settings;
    private final DeliveryListener deliveries;
    private final Frames frames;
    private final ConcurrentHashMap<AccountId, Set<LiveSocket>> byAccount = new ConcurrentHashMap<>();
    private final AtomicInteger openSockets = new AtomicInteger();
    private final AtomicLong slowConsumersClosed = new AtomicLong();
    private final ExecutorService work = Executors.newFixedThreadPool(WORKERS, daemonThreads("chat-live-work-"));
    private final ScheduledExecutorService keepAlive =
            Executors.newSingleThreadScheduledExecutor(daemonThreads("chat-live-ping-"));
    private volatile CloseReason shutdown;
    private volatile SocketRouting routing = SocketRouting.NONE;

    public LiveSessions(WebSocketSettings settings) {
        this(settings, DeliveryListener.NONE);
    }

    /** Live sessions that tell {@code deliveries} of every pushed event each socket has sent. */
    public LiveSessions(WebSocketSettings settings, DeliveryListener deliveries) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.frames = new Frames(settings.timeZone());
        long interval = settings.pingInterval().toNanos();
        // An eighth of a period between rounds: a socket is pinged about every period and dropped about one
        // period after an unanswered ping (within 2.25 periods of its client's death), and a late round
        // never makes two pings look like one.
        long round = Math.max(1, interval / 8);
        keepAlive.scheduleWithFixedDelay(() -> pingAll(interval), round, round, TimeUnit.NANOSECONDS);
    }

    @Override
    public void deliver(AccountId recipient, LiveEvent event) {
        try {
            Set<LiveSocket> sockets = byAccount.get(recipient);
            if (sockets == null) {
                return;
            }
            long handedAt = System.nanoTime();
            Frame frame = null;
            for (LiveSocket socket : sockets) {
                if (socket.wants(event.kind())) {
                    if (frame == null) {
                        frame = frames.pushed(event, handedAt);
                    }
                    socket.offer(frame);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not push a " + event.kind() + " event to account " + recipient, e);
        }
    }

    /** Sockets registered now: open, or past their handshake and about to open. */
    public int openSockets() {
        return openSockets.get();
    }

    /** Accounts with at least one socket registered now on this node. */
    public int accountsOnline() {
        return byAccount.size();
    }

    /** Sockets closed with 1013 because their outbound backlog was full, since start. */
    public long slowConsumersClosed() {
        return slowConsumersClosed.get();
    }

    /** Closes every socket with this code and reason, and refuses new ones the same way (1001 to shut down). */
    public void closeAll(int closeCode, String reason) {
        CloseReason closing = SocketCloses.of(closeCode, reason);
        shutdown = closing;
        for (LiveSocket socket : all()) {
            socket.end(closing);
        }
    }

    /** Closes every socket with 1001 (unless {@link #closeAll} did already) and stops the threads. */
    @Override
    public void close() {
        if (shutdown == null) {
            closeAll(SocketCloses.SHUTDOWN.getCloseCode().getCode(), SocketCloses.SHUTDOWN.getReasonPhrase());
        }
        keepAlive.shutdownNow();
        work.shutdown();
        try {
            if (!work.awaitTermination(5, TimeUnit.SECONDS)) {
                work.shutdownNow();
            }
        } catch (InterruptedException e) {
            work.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Tells {@code routing} of every socket registered and removed from now on (a cluster's event routes). */
    public void routeThrough(SocketRouting routing) {
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    /** Registers a socket for the account's events, from the handshake on; it holds them until it goes live. */
    LiveSocket register(AccountId account, Set<EventKind> kinds, Runnable releasePresence) {
        LiveSocket socket = new LiveSocket(this, account, kinds, releasePresence, System.nanoTime());
        byAccount.compute(account, (id, sockets) -> {
            Set<LiveSocket> set = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
            set.add(socket);
            return set;
        });
        openSockets.incrementAndGet();
        try {
            routing.holding(account);
        } catch (RuntimeException e) {
            // The socket still gets this node's events; only other nodes' may miss it until routing recovers.
            LOG.log(Level.WARNING, "could not route account " + account + " to this node", e);
        }
        CloseReason closing = shutdown;
        if (closing != null) {
            socket.end(closing);
        }
        return socket;
    }

    Frames frames() {
        return frames;
    }

    int maxBacklog() {
        return settings.maxBacklog();
    }

    void removed(LiveSocket socket) {
        boolean[] found = {false};
        byAccount.computeIfPresent(socket.account(), (id, sockets) -> {
            found[0] = sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
        if (found[0]) {
            openSockets.decrementAndGet();
            try {
                routing.released(socket.account());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not unroute account " + socket.account() + " from this node", e);
            }
        }
    }

    void countSlowConsumer(AccountId account) {
        slowConsumersClosed.incrementAndGet();
        LOG.log(Level.WARNING, () -> "slow consumer: a socket of account " + account.value() + " was closed with 1013,"
                + " its outbound backlog of " + settings.maxBacklog() + " frames being full");
    }

    /** A socket finished sending this frame. */
    void sent(Frame frame) {
        if (frame.pushed() != null && deliveries != DeliveryListener.NONE) {
            try {
                deliveries.delivered(frame.pushed(), System.nanoTime() - frame.handedAt());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the delivery listener failed", e);
            }
        }
    }

    /** Runs blocking work (the database) off the container's threads; dropped once shut down. */
    void runLater(Runnable task) {
        try {
            work.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "live socket work failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "live socket work dropped: shutting down", e);
        }
    }

    /** Closes a session off the caller's thread, so that delivering never waits on a container. */
    void closeLater(Session session, CloseReason reason) {
        try {
            work.execute(() -> closeNow(session, reason));
        } catch (RejectedExecutionException e) {
            closeNow(session, reason);
        }
    }

    private static void closeNow(Session session, CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not close a socket", e);
        }
    }

    private void pingAll(long intervalNanos) {
        long now = System.nanoTime();
        for (LiveSocket socket : all()) {
            try {
                socket.keepAlive(now, intervalNanos);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "keep-alive failed for a socket", e);
            }
        }
    }

    private List<LiveSocket> all() {
        List<LiveSocket> sockets = new ArrayList<>(openSockets.get());
        byAccount.values().forEach(sockets::addAll);
        return sockets;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
