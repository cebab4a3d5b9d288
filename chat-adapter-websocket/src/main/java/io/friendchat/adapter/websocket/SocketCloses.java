package io.friendchat.adapter.websocket;

import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.access.InvalidToken;
import io.friendchat.domain.access.TwoFactorRequired;
import io.friendchat.domain.store.StoreUnavailable;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;

import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The close codes of API.md's table, and the one place that turns failures into them. */
final class SocketCloses {

    private static final Logger LOG = Logger.getLogger(SocketCloses.class.getName());

    static final int BAD_REQUEST = 4400;
    static final int UNAUTHORIZED = 4401;
    static final int TWO_FACTOR_REQUIRED = 4403;

    static final CloseReason BACKLOG_FULL = new CloseReason(CloseCodes.TRY_AGAIN_LATER,
            "The socket could not keep up with its events: reconnect with after=<last id>.");
    static final CloseReason STORE_UNAVAILABLE = new CloseReason(CloseCodes.TRY_AGAIN_LATER,
            "The database cannot be reached: try again later.");
    static final CloseReason TOO_BIG = new CloseReason(CloseCodes.TOO_BIG,
            "A message over 64 KiB (65,536 bytes) was sent.");
    static final CloseReason SHUTDOWN = new CloseReason(CloseCodes.GOING_AWAY, "The server is shutting down.");
    static final CloseReason NO_PONG = new CloseReason(CloseCodes.GOING_AWAY, "No answer to ping.");
    static final CloseReason SEND_FAILED = new CloseReason(CloseCodes.UNEXPECTED_CONDITION,
            "The socket could not be written to.");
    static final CloseReason INTERNAL = new CloseReason(CloseCodes.UNEXPECTED_CONDITION, "Internal error.");

    /** A close frame's reason holds at most 123 bytes of UTF-8. */
    private static final int MAX_REASON_BYTES = 123;

    private SocketCloses() {
    }

    /**
     * Why a socket is refused or dropped, for a failure of the core. The client's own
     * mistakes are its to read in the close frame; the server's are logged, as the REST
     * adapter logs its 503s and 500s, since the client's reason tells an operator nothing.
     */
    static CloseReason refusal(RuntimeException failure) {
        if (failure instanceof InvalidToken) {
            return of(UNAUTHORIZED, failure.getMessage());
        }
        if (failure instanceof TwoFactorRequired) {
            return of(TWO_FACTOR_REQUIRED, failure.getMessage());
        }
        if (failure instanceof InvalidInput) {
            return of(BAD_REQUEST, failure.getMessage());
        }
        if (failure instanceof StoreUnavailable) {
            LOG.log(Level.WARNING, "a socket was closed with 1013, the store is unavailable: " + failure.getMessage(),
                    failure.getCause());
            return STORE_UNAVAILABLE;
        }
        LOG.log(Level.SEVERE, "a socket was closed with 1011: unexpected failure", failure);
        return INTERNAL;
    }

    static CloseReason of(int code, String reason) {
        return new CloseReason(CloseCodes.getCloseCode(code), fit(reason == null ? "" : reason));
    }

    private static String fit(String reason) {
        if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return reason;
        }
        StringBuilder fitted = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < reason.length(); ) {
            int cp = reason.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_REASON_BYTES) {
                break;
            }
            fitted.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return fitted.toString();
    }
}
