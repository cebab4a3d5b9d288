package io.friendchat.adapter.rest.grizzly;

import io.friendchat.adapter.rest.MalformedRequests;
import io.friendchat.adapter.rest.internal.ErrorBody;
import io.friendchat.adapter.rest.internal.Json;

import java.time.Duration;
import java.util.Locale;

/**
 * The JSON error bodies of the answers the HTTP server gives by itself, before any resource runs.
 * API.md has no code of its own for a timed-out body, an oversized head, an unmet expectation
 * or an unknown HTTP version: they are bad input, so they carry {@code invalid_request} under
 * their HTTP status.
 */
public final class ErrorAnswers {

    private static final String INVALID = "invalid_request";

    private ErrorAnswers() {
    }

    /** The body for an error status, with the REST adapter's own texts for the statuses it answers too. */
    public static byte[] forStatus(int status) {
        return switch (status) {
            case 408 -> error("The request did not arrive in full in time: send it whole, right away.");
            case 414 -> error("The request line is too long: send a shorter URL.");
            case 417 -> expectationFailed();
            case 431 -> error("The request headers are too large or too many: send fewer or shorter headers.");
            case 505 -> versionNotSupported();
            default -> MalformedRequests.errorBody(status);
        };
    }

    static byte[] requestTimeout(Duration body) {
        long seconds = Math.max(1, body.toSeconds());
        return error("The request body did not arrive in full within " + seconds
                + (seconds == 1 ? " second" : " seconds") + " of its headers: send the whole body right after them.");
    }

    static byte[] uriTooLong(int maxHeadBytes) {
        return error(String.format(Locale.ROOT, "The request line is over %,d bytes: send a shorter URL.",
                maxHeadBytes));
    }

    static byte[] headTooLarge(int maxHeadBytes, int maxFields) {
        return error(String.format(Locale.ROOT, "The request headers are over %,d bytes or %d fields: send fewer "
                + "or shorter headers.", maxHeadBytes, maxFields));
    }

    static byte[] malformedHead() {
        return error("The request line or a header is malformed.");
    }

    static byte[] malformedRequestLine() {
        return error("The request line is malformed: send METHOD /path HTTP/1.1, with the path percent-encoded.");
    }

    static byte[] badContentLength() {
        return error("The Content-Length header is not a number of bytes.");
    }

    static byte[] malformedHeaderLine() {
        return error("A header line is malformed or holds a control character: send name: value lines of "
                + "printable text.");
    }

    static byte[] malformedChunkedBody() {
        return error("The chunked body is malformed.");
    }

    static byte[] expectationFailed() {
        return error("The only expectation this server meets is Expect: 100-continue.");
    }

    static byte[] versionNotSupported() {
        return error("This server speaks HTTP/1.1 and HTTP/1.0 only.");
    }

    static byte[] connectRefused() {
        return Json.bytes(new ErrorBody("This server is not a proxy: CONNECT is not served here.",
                "method_not_allowed"));
    }

    private static byte[] error(String text) {
        return Json.bytes(new ErrorBody(text, INVALID));
    }
}
