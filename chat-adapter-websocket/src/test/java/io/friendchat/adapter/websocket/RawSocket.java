package io.friendchat.adapter.websocket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, for what a library client hides: an exact
 * handshake status, a refusal's whole answer, not answering pings, a tiny receive buffer,
 * hand-made fragments.
 */
final class RawSocket implements AutoCloseable {

    static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

    /** One frame from the server. */
    record RawFrame(int opcode, boolean fin, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();

    private RawSocket(Socket socket, int status) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.status = status;
    }

    static RawSocket open(int port, String pathAndQuery, Map<String, String> extraHeaders) {
        return open(port, pathAndQuery, extraHeaders, 0);
    }

    /** Opens and sends the handshake; {@code receiveBuffer} 0 keeps the system's size. */
    static RawSocket open(int port, String pathAndQuery, Map<String, String> extraHeaders, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(handshake(port, pathAndQuery, extraHeaders));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String statusLine = readLine(in);
            RawSocket raw = new RawSocket(socket, Integer.parseInt(statusLine.split(" ")[1]));
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                raw.headers.put(name, line.substring(colon + 1).trim());
            }
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A refused handshake's whole answer: what came before the server closed the connection. */
    record Refusal(String statusLine, List<String> headers, String body) {
    }

    /**
     * Sends the handshake and reads until the server closes the connection; fails when it
     * is still open after {@code within}, as a client reading a body without a length would hang.
     */
    static Refusal refused(int port, String pathAndQuery, Map<String, String> extraHeaders, Duration within) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) within.toMillis());
            socket.getOutputStream().write(handshake(port, pathAndQuery, extraHeaders));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(received);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection was still open after " + within.toMillis() + " ms, having sent: "
                        + received.toString(StandardCharsets.ISO_8859_1), e);
            }
            String text = received.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                throw new AssertionError("no complete answer head in: " + text);
            }
            List<String> lines = List.of(text.substring(0, headEnd).split("\r\n"));
            return new Refusal(lines.get(0), lines.subList(1, lines.size()), text.substring(headEnd + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] handshake(int port, String pathAndQuery, Map<String, String> extraHeaders) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(key)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String readLine(DataInputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed during the handshake");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** The next frame within the timeout, or null when none came. */
    RawFrame read(Duration timeout) {
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            int first = in.read();
            if (first < 0) {
                return null;
            }
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new RawFrame(first & 0x0F, (first & 0x80) != 0, payload);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame that is not a ping (pings are left unanswered), or null. */
    RawFrame readSkippingPings(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            RawFrame frame = read(Duration.ofNanos(left));
            if (frame == null || frame.opcode() != PING) {
                return frame;
            }
        }
    }

    void sendText(String text) {
        send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendPong(byte[] payload) {
        send(PONG, true, payload);
    }

    /** Sends one masked frame, as clients must. */
    void send(int opcode, boolean fin, byte[] payload) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else if (payload.length <= 0xFFFF) {
                frame.write(0x80 | 126);
                frame.write(ByteBuffer.allocate(2).putShort((short) payload.length).array());
            } else {
                frame.write(0x80 | 127);
                frame.write(ByteBuffer.allocate(8).putLong(payload.length).array());
            }
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.write(mask);
            byte[] masked = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                masked[i] = (byte) (payload[i] ^ mask[i % 4]);
            }
            frame.write(masked);
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
