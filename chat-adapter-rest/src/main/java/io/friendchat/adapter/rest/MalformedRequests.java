package io.friendchat.adapter.rest;

import io.friendchat.adapter.rest.internal.ErrorBody;
import io.friendchat.adapter.rest.internal.Json;
import io.friendchat.adapter.rest.internal.QueryParams;
import jakarta.ws.rs.core.UriInfo;
import org.glassfish.jersey.server.internal.ContainerUtils;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * For the HTTP server in front of Jersey: requests that Jersey's container cannot
 * even turn into a URI (a bad {@code %} escape in the path or query) fail there with
 * the server's own 500 page, before any resource or mapper runs. The server asks
 * here first and answers such a request with {@link #invalidRequestBody()} as a 400.
 */
public final class MalformedRequests {

    /**
     * What a query Jersey could not parse is replaced with, so that the resource refuses
     * it (400) in its turn, after the path and the token. It decodes to a name no
     * client sends by accident; a client that sends it only gets its own 400.
     */
    public static final String MALFORMED_QUERY = "%00malformed-query";

    /** The decoded name of {@link #MALFORMED_QUERY}. */
    public static final String MALFORMED_QUERY_NAME = "\u0000malformed-query";

    private MalformedRequests() {
    }

    /**
     * True when the request target, as received (percent-encoded, query without its
     * {@code ?}, null when there is none), cannot become a URI the way Jersey's
     * Grizzly container builds it.
     */
    public static boolean isUnparseable(String rawPath, String rawQuery) {
        String path = rawPath == null ? "/" : ContainerUtils.reduceLeadingSlashes(rawPath);
        String query = rawQuery == null ? "" : "?" + ContainerUtils.encodeUnsafeCharacters(rawQuery);
        try {
            new URI("http://localhost" + path + query);
            return false;
        } catch (URISyntaxException e) {
            return true;
        }
    }

    /**
     * Refuses, as a 400 {@code invalid_request} the chat feature's error mapping answers, a
     * query with a bad {@code %} escape or a parameter given twice: for resources outside
     * this adapter that read no query (a host's page, metrics), since API.md refuses such a
     * query on every path.
     */
    public static void refuseMalformedQuery(UriInfo uri) {
        QueryParams.of(uri);
    }

    /** The JSON body of the 400 {@code invalid_request} answer to such a request. */
    public static byte[] invalidRequestBody() {
        return Json.bytes(new ErrorBody("The URL is malformed (a bad % escape or a character a URL may not hold): encode it properly.",
                "invalid_request"));
    }

    /** An error JSON body for a status the server answers by itself, for its default error page. */
    public static byte[] errorBody(int status) {
        return Json.bytes(switch (status) {
            case 400 -> new ErrorBody("The request is malformed.", "invalid_request");
            case 404 -> new ErrorBody("There is nothing at this path: check the URL.", "not_found");
            case 405 -> new ErrorBody("This path does not take that method.", "method_not_allowed");
            case 413 -> new ErrorBody("The body is over 65,536 bytes: send a shorter one.", "payload_too_large");
            case 415 -> new ErrorBody("This media type is not accepted here.", "unsupported_media_type");
            case 503 -> new ErrorBody("The server cannot answer now: try again in a moment.", "unavailable");
            default -> status >= 400 && status < 500
                    ? new ErrorBody("The request is malformed.", "invalid_request")
                    : new ErrorBody("Something went wrong on the server; it has been logged.", "internal_error");
        });
    }
}
