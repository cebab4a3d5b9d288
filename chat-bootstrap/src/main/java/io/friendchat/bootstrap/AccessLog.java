package io.friendchat.bootstrap;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.Note;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.HttpServerProbe;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per HTTP answer, from Grizzly's own probe so that the answers Grizzly
 * gives itself are logged too: {@code GET /chat/conversation/ 200 12 ms}. Only the
 * method, the path, the status and the time: never the query string (a socket's token
 * travels there), a header or a body. WebSocket upgrades are Tyrus's and are not logged.
 */
final class AccessLog extends HttpServerProbe.Adapter {

    /** The logger's name; slf4j-simple shows its last part, {@code access}. */
    static final String LOGGER = "io.friendchat.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final Note<Long> RECEIVED = Request.createNote("io.friendchat.access.received");
    private static final int MAX_METHOD = 16;
    private static final int MAX_PATH = 256;

    @Override
    public void onRequestReceiveEvent(HttpServerFilter filter, Connection connection, Request request) {
        request.setNote(RECEIVED, System.nanoTime());
    }

    @Override
    public void onRequestCompleteEvent(HttpServerFilter filter, Connection connection, Response response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Request request = response.getRequest();
        Long received = request.getNote(RECEIVED);
        long millis = received == null ? 0 : (System.nanoTime() - received) / 1_000_000;
        LOG.info("{} {} {} {} ms", printable(request.getMethod().getMethodString(), MAX_METHOD),
                printable(request.getRequestURI(), MAX_PATH), response.getStatus(), millis);
    }

    /**
     * A part of the request line as received (a client may send anything there), cut short
     * and with control characters and spaces replaced, so that a log line stays one line
     * of four fields.
     */
    static String printable(String part, int max) {
        if (part == null || part.isEmpty()) {
            return "-";
        }
        StringBuilder field = new StringBuilder(Math.min(part.length(), max) + 3);
        for (int i = 0; i < part.length() && i < max; i++) {
            char c = part.charAt(i);
            field.append(c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c) ? '?' : c);
        }
        if (part.length() > max) {
            field.append("...");
        }
        return field.toString();
    }
}
