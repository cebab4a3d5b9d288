package io.friendchat.adapter.rest.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Answers {@code Connection: close} when a request came with a body that was not read
 * to its end (refused early, too large, stalled): the rest of it is never waited for,
 * so the connection cannot carry another request, and the client must not reuse it.
 */
public final class UnreadBodyFilter implements ContainerResponseFilter {

    static final String BODY_READ = "io.friendchat.rest.bodyRead";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (hasBody(request) && !Boolean.TRUE.equals(request.getProperty(BODY_READ))) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") != null || length != null && !length.trim().equals("0");
    }
}
