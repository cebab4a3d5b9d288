package io.friendchat.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP over a plain socket, for requests no HTTP client would send (malformed lines,
 * absurd headers, bytes that are not UTF-8): writes the bytes as given and reads one
 * answer, or notes that none came.
 */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * One answer: its status (-1 when the connection closed without one, 0 when it timed out),
     * its head and its body; {@code took} is from the first byte written to the answer's end.
     */
    record Reply(int status, String head, byte[] body, Duration took) {

        boolean timedOut() {
            return status == 0;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends the request and reads one answer (to its end, or to the connection's close), within the timeout. */
    static Reply exchange(int port, byte[] request, Duration timeout) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException refusedMidway) {
                // The server may answer and close before reading all of a huge request; read what it said.
            }
            return read(socket.getInputStream(), start, request);
        }
    }

    private static Reply read(InputStream in, long start, byte[] request) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        long bodyLength = -1;
        boolean chunked = false;
        try {
            while (true) {
                if (headEnd >= 0 && isComplete(received.toByteArray(), headEnd, bodyLength, chunked)) {
                    break;
                }
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                received.write(buffer, 0, read);
                if (headEnd < 0) {
                    headEnd = indexOf(received.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    if (headEnd >= 0) {
                        String head = new String(received.toByteArray(), 0, headEnd, StandardCharsets.ISO_8859_1);
                        bodyLength = isHead(request) || noBody(head) ? 0 : contentLength(head);
                        chunked = bodyLength < 0 && head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            if (headEnd < 0) {
                return new Reply(0, new String(received.toByteArray(), StandardCharsets.ISO_8859_1), new byte[0],
                        Duration.ofNanos(System.nanoTime() - start));
            }
        } catch (IOException reset) {
            // A reset after (or instead of) the answer: judged by what arrived.
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        byte[] bytes = received.toByteArray();
        if (headEnd < 0) {
            return new Reply(bytes.length == 0 ? -1 : statusOf(new String(bytes, StandardCharsets.ISO_8859_1)),
                    new String(bytes, StandardCharsets.ISO_8859_1), new byte[0], took);
        }
        String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1);
        byte[] body = java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
        return new Reply(statusOf(head), head, chunked ? unchunk(body) : body, took);
    }

    private static boolean isComplete(byte[] bytes, int headEnd, long bodyLength, boolean chunked) {
        int bodyBytes = bytes.length - headEnd - 4;
        if (chunked) {
            return indexOf(bytes, "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) >= 0
                    || (bodyBytes >= 5 && indexOf(bytes, "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) == headEnd + 4);
        }
        return bodyLength >= 0 && bodyBytes >= bodyLength;
    }

    private static boolean isHead(byte[] request) {
        return request.length >= 5 && new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
    }

    private static boolean noBody(String head) {
        int status = statusOf(head);
        return status == 204 || status == 304 || (status >= 100 && status < 200);
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                try {
                    return Long.parseLong(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    static int statusOf(String head) {
        if (!head.startsWith("HTTP/1.")) {
            return -1;
        }
        try {
            return Integer.parseInt(head.substring(9, 12));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            if (lineEnd < 0) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0 || lineEnd + 2 + size > body.length) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] bytes, byte[] needle) {
        return indexOf(bytes, needle, 0);
    }

    private static int indexOf(byte[] bytes, byte[] needle, int from) {
        outer:
        for (int i = from; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
