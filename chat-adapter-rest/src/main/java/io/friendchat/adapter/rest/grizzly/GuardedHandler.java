package io.friendchat.adapter.rest.grizzly;

import io.friendchat.adapter.rest.MalformedRequests;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Stands in front of Jersey's Grizzly container: a path Jersey cannot parse (a bad
 * {@code %} escape) gets a 400 JSON instead of Grizzly's 500 page, and a query it
 * cannot parse is replaced by a marker the resources refuse after the token check.
 */
final class GuardedHandler extends HttpHandler {

    private final HttpHandler jersey;

    GuardedHandler(HttpHandler jersey) {
        this.jersey = jersey;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (!MalformedRequests.isUnparseable(request.getRequestURI(), null)
                && MalformedRequests.isUnparseable(request.getRequestURI(), request.getQueryString())) {
            // Only the query is bad: let Jersey route and authenticate first, as API.md orders the errors;
            // the resource then refuses the marked query as a 400.
            request.getRequest().getQueryStringDC().setString(MalformedRequests.MALFORMED_QUERY);
        }
        if (MalformedRequests.isUnparseable(request.getRequestURI(), request.getQueryString())) {
            byte[] body = MalformedRequests.invalidRequestBody();
            response.setStatus(400);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        jersey.service(request, response);
    }

    @Override
    public void start() {
        jersey.start();
    }

    @Override
    public void destroy() {
        jersey.destroy();
    }
}
