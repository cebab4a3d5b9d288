package io.friendchat.bench.holder;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads the frames a server sends on one WebSocket (RFC 6455, unmasked) from
 * bytes as they arrive, keeping an incomplete frame for the next read.
 */
final class FrameReader {

    /** What a complete frame asks of the connection. */
    interface Frames {
        void ping(byte[] payload);

        void close(int code);

        void data(int opcode, boolean fin, int length);
    }

    private static final int PING = 0x9;
    private static final int CLOSE = 0x8;
    private static final int PONG = 0xA;

    private byte[] pending;

    /** Consumes what {@code in} holds (position to limit), calling {@code frames} per complete frame. */
    void read(ByteBuffer in, Frames frames) {
        ByteBuffer data = in;
        if (pending != null) {
            byte[] joined = Arrays.copyOf(pending, pending.length + in.remaining());
            in.get(joined, pending.length, in.remaining());
            pending = null;
            data = ByteBuffer.wrap(joined);
        }
        while (data.hasRemaining()) {
            int start = data.position();
            if (!complete(data, frames)) {
                data.position(start);
                pending = new byte[data.remaining()];
                data.get(pending);
                return;
            }
        }
    }

    private static boolean complete(ByteBuffer data, Frames frames) {
        if (data.remaining() < 2) {
            return false;
        }
        int first = data.get() & 0xFF;
        int second = data.get() & 0xFF;
        long length = second & 0x7F;
        if (length == 126) {
            if (data.remaining() < 2) {
                return false;
            }
            length = data.getShort() & 0xFFFF;
        } else if (length == 127) {
            if (data.remaining() < 8) {
                return false;
            }
            length = data.getLong();
        }
        byte[] mask = null;
        if ((second & 0x80) != 0) {
            if (data.remaining() < 4) {
                return false;
            }
            mask = new byte[4];
            data.get(mask);
        }
        if (data.remaining() < length) {
            return false;
        }
        int opcode = first & 0x0F;
        boolean fin = (first & 0x80) != 0;
        if (opcode == PING || opcode == CLOSE) {
            byte[] payload = new byte[(int) length];
            data.get(payload);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
            }
            if (opcode == PING) {
                frames.ping(payload);
            } else {
                frames.close(payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005);
            }
        } else {
            data.position(data.position() + (int) length);
            if (opcode != PONG) {
                frames.data(opcode, fin, (int) length);
            }
        }
        return true;
    }

    /** A client frame (masked, as RFC 6455 requires of clients) with this opcode and payload. */
    static ByteBuffer clientFrame(int opcode, byte[] payload, int maskSeed) {
        ByteBuffer frame = ByteBuffer.allocate(2 + 4 + payload.length);
        frame.put((byte) (0x80 | opcode));
        frame.put((byte) (0x80 | payload.length));
        byte[] mask = {(byte) maskSeed, (byte) (maskSeed >> 8), (byte) (maskSeed >> 16), (byte) (maskSeed >> 24)};
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i % 4]));
        }
        return frame.flip();
    }

    static ByteBuffer pong(byte[] payload, int maskSeed) {
        return clientFrame(PONG, payload, maskSeed);
    }

    static ByteBuffer closeFrame(int code, int maskSeed) {
        return clientFrame(CLOSE, new byte[]{(byte) (code >> 8), (byte) code}, maskSeed);
    }
}
