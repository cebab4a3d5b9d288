package io.friendchat.adapter.rest.internal;

import io.friendchat.application.access.AllowedOrigins;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.Objects;

/**
 * Adds the CORS headers to every answer, errors included, for an allowed Origin;
 * none on /admin/ paths and none for an origin that is not allowed. Never
 * {@code Access-Control-Allow-Credentials}: tokens travel in a header, not cookies.
 */
public final class CorsHeadersFilter implements ContainerResponseFilter {

    private final AllowedOrigins origins;

    public CorsHeadersFilter(AllowedOrigins origins) {
        this.origins = Objects.requireNonNull(origins);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (ChatPaths.isAdmin(request.getUriInfo())) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.add("Vary", "Origin");
        String origin = request.getHeaderString("Origin");
        if (origin == null || !origins.allows(origin)) {
            return;
        }
        headers.putSingle("Access-Control-Allow-Origin", origins.allowsAny() ? "*" : origin);
        headers.putSingle("Access-Control-Expose-Headers", "Retry-After, WWW-Authenticate");
        if (Boolean.TRUE.equals(request.getProperty(PreflightFilter.PREFLIGHT))) {
            headers.putSingle("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            headers.putSingle("Access-Control-Allow-Headers", "Authorization, Content-Type");
            headers.putSingle("Access-Control-Max-Age", "600");
        }
    }
}
