package io.friendchat.adapter.websocket;

import io.friendchat.domain.live.EventKind;

/**
 * Hears of every pushed event that a socket has finished sending, for a host's
 * metrics. It is called on the container's I/O threads: it must be quick, and
 * must never block or throw.
 */
@FunctionalInterface
public interface DeliveryListener {

    /** Hears nothing: the default. */
    DeliveryListener NONE = (kind, nanos) -> { };

    /**
     * An event handed to {@link LiveSessions#deliver} went out on one socket.
     *
     * @param nanos from the hand-over to the completion of that socket's send
     */
    void delivered(EventKind kind, long nanos);
}
