package io.friendchat.bootstrap;

import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;

/**
 * Answers the errors Grizzly produces itself (a malformed request line, a bad
 * escape in the path) in the API's JSON error shape instead of an HTML page.
 */
final class JsonErrorPages implements ErrorPageGenerator {

    @Override
    public String generate(Request request, int status, String reasonPhrase, String description, Throwable exception) {
        request.getResponse().setContentType("application/json");
        return "{\"error\": \"" + sentence(status) + "\", \"code\": \"" + code(status) + "\"}";
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "invalid_request";
        };
    }

    private static String sentence(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 413 -> "The request body is larger than 64 KiB.";
            case 415 -> "The request body must be JSON.";
            case 503 -> "The server cannot serve this right now; try again shortly.";
            default -> status >= 500
                    ? "The server failed to answer this request."
                    : "The request is malformed (check its escapes, headers and parameters).";
        };
    }
}
