package io.friendchat.adapter.websocket;

import java.nio.ByteBuffer;

/**
 * Puts a client's message together from its fragments and measures it in bytes of
 * UTF-8, so that one over 64 KiB is refused however it was split.
 */
final class IncomingMessage {

    static final int MAX_BYTES = 65_536;

    private final StringBuilder text = new StringBuilder();
    private long bytes;
    private boolean tooBig;

    /** Adds a part of a text message; the whole text once the last part came, else null. */
    String addText(String part, boolean last) {
        if (tooBig) {
            return null;
        }
        bytes += utf8Length(part);
        if (bytes > MAX_BYTES) {
            refuse();
            return null;
        }
        text.append(part);
        if (!last) {
            return null;
        }
        String whole = text.toString();
        text.setLength(0);
        bytes = 0;
        return whole;
    }

    /** Counts a part of a binary message, which the chat never reads. */
    void addBinary(ByteBuffer part, boolean last) {
        if (tooBig) {
            return;
        }
        bytes += part.remaining();
        if (bytes > MAX_BYTES) {
            refuse();
        } else if (last) {
            bytes = 0;
        }
    }

    /** True once a message went over the limit: the socket is to be closed with 1009. */
    boolean tooBig() {
        return tooBig;
    }

    private void refuse() {
        tooBig = true;
        text.setLength(0);
    }

    /** A surrogate pair counts 2 + 2 bytes, so a pair split between two parts still adds up to 4. */
    static long utf8Length(CharSequence s) {
        long length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                length += 2;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
