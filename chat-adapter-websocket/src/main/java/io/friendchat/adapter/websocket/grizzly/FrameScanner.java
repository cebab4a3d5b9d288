package io.friendchat.adapter.websocket.grizzly;

import org.glassfish.grizzly.Buffer;

/**
 * Follows the frame headers of one connection's incoming WebSocket stream, chunk by
 * chunk, without consuming it, to spot a frame whose payload is over a limit.
 */
final class FrameScanner {

    private final long maxPayload;
    private final byte[] header = new byte[14];
    private int headerRead;
    private int headerSize = 2;
    private long payloadLeft;

    FrameScanner(long maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** Scans the chunk's readable bytes; false as soon as a frame declares a payload over the limit. */
    boolean scan(Buffer chunk) {
        int position = chunk.position();
        int limit = chunk.limit();
        while (position < limit) {
            if (payloadLeft > 0) {
                long skip = Math.min(payloadLeft, limit - position);
                position += (int) skip;
                payloadLeft -= skip;
                continue;
            }
            header[headerRead++] = chunk.get(position++);
            if (headerRead == 2) {
                int length7 = header[1] & 0x7F;
                boolean masked = (header[1] & 0x80) != 0;
                headerSize = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + (masked ? 4 : 0);
            }
            if (headerRead >= 2 && headerRead == headerSize) {
                long payload = payloadLength();
                if (payload < 0 || payload > maxPayload) {
                    return false;
                }
                payloadLeft = payload;
                headerRead = 0;
                headerSize = 2;
            }
        }
        return true;
    }

    /** The payload length the header declares; negative when a 64-bit length has its top bit set. */
    private long payloadLength() {
        int length7 = header[1] & 0x7F;
        if (length7 < 126) {
            return length7;
        }
        int bytes = length7 == 126 ? 2 : 8;
        long length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (header[2 + i] & 0xFF);
        }
        return length;
    }
}
