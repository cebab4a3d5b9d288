package io.friendchat.adapter.websocket;

/**
 * One text frame as it goes on the wire, rendered once and shared by every socket
 * it is queued on. {@code messageId} is the id of a NEW_MESSAGE frame, 0 for others,
 * so a socket can drop a message its catch-up replay already sent.
 */
record Frame(String text, long messageId) {

    boolean isMessage() {
        return messageId > 0;
    }
}
