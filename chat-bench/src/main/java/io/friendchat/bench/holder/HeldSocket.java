package io.friendchat.bench.holder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One idle chat socket held by a {@link SocketHolder}: its upgrade handshake,
 * then frames read and discarded, pings answered with pongs.
 */
final class HeldSocket {

    enum State { CONNECTING, HANDSHAKE, OPEN, CLOSED }

    final SocketChannel channel;
    final long accountId;
    private final ByteBuffer request;
    private final ArrayDeque<ByteBuffer> outgoing = new ArrayDeque<>();
    private final FrameReader frames = new FrameReader();
    private StringBuilder response = new StringBuilder();
    private boolean everOpened;
    private int closeCode;
    final long startedAt = System.nanoTime();
    State state = State.CONNECTING;

    HeldSocket(SocketChannel channel, long accountId, String host, int port, String token, String key) {
        this.channel = channel;
        this.accountId = accountId;
        this.request = ByteBuffer.wrap(("GET /ws/connection/?token=" + token + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    boolean everOpened() {
        return everOpened;
    }

    /** Closed by the server with 1013: try again later, as API.md tells clients to. */
    boolean toldToRetry() {
        return closeCode == 1013;
    }

    /** Connected: sends the upgrade request. */
    void connected() throws IOException {
        state = State.HANDSHAKE;
        outgoing.add(request);
        flush();
    }

    /** True while bytes wait for the socket to take them. */
    boolean flush() throws IOException {
        while (!outgoing.isEmpty()) {
            ByteBuffer head = outgoing.peek();
            channel.write(head);
            if (head.hasRemaining()) {
                return true;
            }
            outgoing.poll();
        }
        return false;
    }

    /** Handles bytes read; returns the state after them. */
    State received(ByteBuffer in, HolderStats stats) throws IOException {
        if (state == State.HANDSHAKE) {
            while (in.hasRemaining() && state == State.HANDSHAKE) {
                response.append((char) (in.get() & 0xFF));
                int end = response.indexOf("\r\n\r\n");
                if (end >= 0) {
                    boolean upgraded = response.toString().startsWith("HTTP/1.1 101");
                    response = null;
                    state = upgraded ? State.OPEN : State.CLOSED;
                    if (!upgraded) {
                        return state;
                    }
                    everOpened = true;
                    stats.opened();
                }
            }
        }
        if (state == State.OPEN && in.hasRemaining()) {
            frames.read(in, new FrameReader.Frames() {
                @Override
                public void ping(byte[] payload) {
                    stats.pinged();
                    outgoing.add(FrameReader.pong(payload, System.identityHashCode(payload)));
                }

                @Override
                public void close(int code) {
                    closeCode = code;
                    stats.closedByServer(code);
                    outgoing.add(FrameReader.closeFrame(code == 1005 ? 1000 : code, code));
                    state = State.CLOSED;
                }

                @Override
                public void data(int opcode, boolean fin, int length) {
                    stats.event();
                }
            });
            flush();
        }
        return state;
    }
}
