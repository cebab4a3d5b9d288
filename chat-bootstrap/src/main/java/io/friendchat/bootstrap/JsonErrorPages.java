package io.friendchat.bootstrap;

import io.friendchat.adapter.rest.MalformedRequests;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;

import java.nio.charset.StandardCharsets;

/**
 * Answers the errors Grizzly produces itself (a malformed request line, a bad
 * escape in the path) in the API's JSON error shape instead of an HTML page,
 * with the REST adapter's own texts and codes.
 */
final class JsonErrorPages implements ErrorPageGenerator {

    @Override
    public String generate(Request request, int status, String reasonPhrase, String description, Throwable exception) {
        request.getResponse().setContentType("application/json");
        return new String(MalformedRequests.errorBody(status), StandardCharsets.UTF_8);
    }
}
