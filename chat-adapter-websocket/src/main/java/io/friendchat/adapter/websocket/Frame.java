package io.friendchat.adapter.websocket;

import io.friendchat.domain.live.EventKind;

/**
 * One text frame as it goes on the wire, rendered once and shared by every socket
 * it is queued on. {@code messageId} is the id of a NEW_MESSAGE frame, 0 for others,
 * so a socket can drop a message its catch-up replay already sent. {@code pushed} is
 * the kind of an event handed to {@link LiveSessions#deliver} at {@code handedAt}
 * ({@link System#nanoTime()}), null for a socket's start frames (replay, presence snapshot).
 */
record Frame(String text, long messageId, EventKind pushed, long handedAt) {

    Frame(String text, long messageId) {
        this(text, messageId, null, 0);
    }

    boolean isMessage() {
        return messageId > 0;
    }
}
