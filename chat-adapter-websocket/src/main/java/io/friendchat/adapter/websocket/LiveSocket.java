package io.friendchat.adapter.websocket;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.EventKind;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open socket of an account: the kinds of events it asked for, its bounded
 * outbound queue with one send in flight, its keep-alive and its share of presence.
 *
 * <p>It is registered for delivery during the handshake, before the client can see
 * the socket open, and holds what arrives until its start (catch-up replay, presence
 * snapshot) is queued in front; then it goes live.
 */
final class LiveSocket {

    private enum PresenceShare { NONE, OPENING, OPEN, RELEASED }

    private final LiveSessions owner;
    private final AccountId account;
    private final Set<EventKind> kinds;
    private final Runnable releasePresence;
    private final long registeredAt;

    // Guarded by this.
    private final ArrayDeque<Frame> startup = new ArrayDeque<>();
    private final ArrayDeque<Frame> live = new ArrayDeque<>();
    private Session session;
    private boolean held = true;
    private long replayedUpTo;
    private boolean sending;
    private long lastPingAt;
    private boolean awaitingPong;
    private boolean ended;
    private CloseReason endReason;
    private PresenceShare presence = PresenceShare.NONE;

    LiveSocket(LiveSessions owner, AccountId account, Set<EventKind> kinds, Runnable releasePresence,
               long registeredAt) {
        this.owner = owner;
        this.account = account;
        this.kinds = Set.copyOf(kinds);
        this.releasePresence = releasePresence;
        this.registeredAt = registeredAt;
        this.lastPingAt = registeredAt;
    }

    AccountId account() {
        return account;
    }

    boolean wants(EventKind kind) {
        return kind == EventKind.NEW_MESSAGE || kinds.contains(kind);
    }

    /** Queues a frame; never blocks. A full backlog ends the socket with 1013. */
    void offer(Frame frame) {
        boolean full;
        synchronized (this) {
            if (ended || (frame.isMessage() && frame.messageId() <= replayedUpTo)) {
                return;
            }
            full = live.size() >= owner.maxBacklog();
            if (full) {
                // Ended right here, under the lock, so that this is the one offer that counts and closes it.
                ended = true;
                endReason = SocketCloses.BACKLOG_FULL;
            } else {
                live.add(frame);
                if (held) {
                    return;
                }
            }
        }
        if (full) {
            owner.countSlowConsumer(account);
            finish();
        } else {
            pump();
        }
    }

    /** Binds the socket to its session once the container opened it; false when it has ended already. */
    boolean attach(Session opened) {
        CloseReason closeNow;
        synchronized (this) {
            if (!ended) {
                session = opened;
                return true;
            }
            closeNow = endReason;
        }
        if (closeNow != null) {
            owner.closeLater(opened, closeNow);
        }
        return false;
    }

    /** Claims the socket's share of presence before the account is counted online; false when it has ended. */
    synchronized boolean beginOpen() {
        if (ended) {
            return false;
        }
        presence = PresenceShare.OPENING;
        return true;
    }

    /**
     * The account is counted online; when the socket ended meanwhile, its share is given
     * back now and false is returned.
     */
    boolean finishOpen() {
        boolean releaseNow;
        synchronized (this) {
            releaseNow = ended;
            presence = releaseNow ? PresenceShare.RELEASED : PresenceShare.OPEN;
        }
        if (releaseNow) {
            owner.runLater(releasePresence);
        }
        return !releaseNow;
    }

    /**
     * Puts the start frames (catch-up replay, RESYNC, presence snapshot) before what was
     * held, drops held and later messages the replay already carried, and goes live.
     */
    void goLive(List<Frame> startFrames, long replayedUpTo) {
        synchronized (this) {
            if (ended) {
                return;
            }
            this.replayedUpTo = replayedUpTo;
            live.removeIf(frame -> frame.isMessage() && frame.messageId() <= replayedUpTo);
            startup.addAll(startFrames);
            held = false;
        }
        pump();
    }

    synchronized void ponged() {
        awaitingPong = false;
    }

    /**
     * Called a few times a period: pings the client once a period, and ends the socket
     * when a ping went unanswered for a whole period.
     */
    void keepAlive(long now, long pingIntervalNanos) {
        Session target;
        CloseReason drop = null;
        synchronized (this) {
            if (ended || now - lastPingAt < pingIntervalNanos) {
                return;
            }
            target = session;
            if (target == null) {
                // Registered by a handshake the container never opened: forget it quietly.
                if (now - registeredAt < 2 * pingIntervalNanos) {
                    return;
                }
            } else if (awaitingPong) {
                drop = SocketCloses.NO_PONG;
            } else {
                awaitingPong = true;
                lastPingAt = now;
            }
        }
        if (target == null || drop != null) {
            end(drop);
            return;
        }
        try {
            target.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            end(SocketCloses.SEND_FAILED);
        }
    }

    /**
     * Ends the socket once: leaves the registry, drops its queue, closes the session with
     * {@code reason} (null when the peer or the transport closed it) and gives back its
     * share of presence.
     */
    void end(CloseReason reason) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            endReason = reason;
        }
        finish();
    }

    /** The rest of {@link #end}, run once by the caller that set {@code ended}. */
    private void finish() {
        Session toClose;
        CloseReason reason;
        boolean release;
        synchronized (this) {
            reason = endReason;
            startup.clear();
            live.clear();
            toClose = reason == null ? null : session;
            release = presence == PresenceShare.OPEN;
            if (release) {
                presence = PresenceShare.RELEASED;
            }
        }
        owner.removed(this);
        if (toClose != null) {
            owner.closeLater(toClose, reason);
        }
        if (release) {
            owner.runLater(releasePresence);
        }
    }

    /** Sends queued frames one at a time; a send that completes on this very thread continues the loop. */
    private void pump() {
        while (true) {
            Session target;
            Frame next;
            synchronized (this) {
                if (sending || held || ended || session == null) {
                    return;
                }
                next = startup.isEmpty() ? live.poll() : startup.poll();
                if (next == null) {
                    return;
                }
                sending = true;
                target = session;
            }
            AtomicBoolean handedOver = new AtomicBoolean();
            try {
                target.getAsyncRemote().sendText(next.text(), result -> {
                    sent(next, result);
                    if (!handedOver.compareAndSet(false, true)) {
                        pump();
                    }
                });
            } catch (RuntimeException e) {
                sent(next, new SendResult(e));
                return;
            }
            if (handedOver.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void sent(Frame frame, SendResult result) {
        synchronized (this) {
            sending = false;
        }
        if (result.isOK()) {
            owner.sent(frame);
        } else {
            end(SocketCloses.SEND_FAILED);
        }
    }
}
