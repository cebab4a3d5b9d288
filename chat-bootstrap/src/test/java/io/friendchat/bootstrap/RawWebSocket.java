package io.friendchat.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * A WebSocket client on a plain socket, for what a well-behaved client never does:
 * frames that break the protocol, and clients that stop reading or vanish.
 */
final class RawWebSocket implements AutoCloseable {

    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** A frame from the server: its opcode and payload; a close frame's code is in {@link #closeCode()}. */
    record Frame(int opcode, byte[] payload) {

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    final int handshakeStatus;
    final String handshakeHead;

    private RawWebSocket(Socket socket, int handshakeStatus, String handshakeHead) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.handshakeStatus = handshakeStatus;
        this.handshakeHead = handshakeHead;
    }

    /** Opens a socket and sends the given handshake request as is; reads the answer's head. */
    static RawWebSocket handshake(int port, byte[] request, int receiveBuffer, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            String head = readHead(socket);
            return new RawWebSocket(socket, RawHttp.statusOf(head), head);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A well-formed handshake for this path and query (e.g. "/ws/connection/?token=..."). */
    static byte[] request(String pathAndQuery, Random random) {
        byte[] key = new byte[16];
        random.nextBytes(key);
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Opens an accepted socket as a client that may stop reading: a small receive buffer fills up sooner. */
    static RawWebSocket open(int port, String token, int receiveBuffer) throws IOException {
        RawWebSocket socket = handshake(port, request("/ws/connection/?token=" + token, new Random()), receiveBuffer,
                10_000);
        if (socket.handshakeStatus != 101) {
            socket.close();
            throw new IOException("handshake refused: " + socket.handshakeHead);
        }
        return socket;
    }

    /** Writes one frame exactly as described, masked with a random key unless {@code masked} is false. */
    void send(boolean fin, int reservedBits, int opcode, boolean masked, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | ((reservedBits & 0x7) << 4) | (opcode & 0xF));
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(maskBit | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] mask = new byte[4];
            new Random().nextBytes(mask);
            frame.writeBytes(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i % 4];
            }
        }
        frame.writeBytes(body);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Writes raw bytes (a frame header that lies about its length, half a frame...). */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame, or null when the connection ended or nothing came within the socket's timeout. */
    Frame read(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if ((second & 0x80) != 0) {
                in.readInt();
            }
            if (length > 1 << 20) {
                throw new IOException("a server frame of " + length + " bytes");
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame(first & 0x0F, payload);
        } catch (SocketTimeoutException | EOFException e) {
            return null;
        } catch (IOException reset) {
            return null;
        }
    }

    /** Reads frames until a close frame (returned), the end of the connection or the timeout (null). */
    Frame awaitClose(int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return null;
            }
            Frame frame = read((int) left);
            if (frame == null || frame.opcode() == CLOSE) {
                return frame;
            }
        }
    }

    /** Drops the connection with a reset and no close frame, as a client that vanished. */
    void vanish() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readHead(Socket socket) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        var in = socket.getInputStream();
        while (head.size() < 64 * 1024) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
