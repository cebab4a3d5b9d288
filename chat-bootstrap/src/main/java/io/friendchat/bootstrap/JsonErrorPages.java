package io.friendchat.bootstrap;

import io.friendchat.adapter.rest.grizzly.ErrorAnswers;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;

import java.nio.charset.StandardCharsets;

/**
 * Answers the errors Grizzly's HTTP server produces itself (a bad escape in the
 * path, a request it fails to serve) in the API's JSON error shape instead of an
 * HTML page, with the REST adapter's own texts and codes; what its HTTP codec
 * refuses earlier is answered by the REST adapter's Grizzly guard in the same shape.
 */
final class JsonErrorPages implements ErrorPageGenerator {

    @Override
    public String generate(Request request, int status, String reasonPhrase, String description, Throwable exception) {
        request.getResponse().setContentType("application/json");
        return new String(ErrorAnswers.forStatus(status), StandardCharsets.UTF_8);
    }
}
