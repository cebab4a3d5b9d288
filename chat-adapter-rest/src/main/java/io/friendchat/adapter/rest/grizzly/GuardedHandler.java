package io.friendchat.adapter.rest.grizzly;

import io.friendchat.adapter.rest.MalformedRequests;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Stands in front of Jersey's Grizzly container: a request target Jersey cannot
 * parse (a bad {@code %} escape) gets a 400 JSON instead of Grizzly's 500 page.
 */
final class GuardedHandler extends HttpHandler {

    private final HttpHandler jersey;

    GuardedHandler(HttpHandler jersey) {
        this.jersey = jersey;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
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
