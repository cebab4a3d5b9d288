package io.friendchat.adapter.rest.internal;

import io.friendchat.application.access.AllowedOrigins;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;

import java.util.Objects;

/**
 * Answers CORS preflights on any path under /chat/, known or not, before routing and
 * without a token: 204 for an allowed origin (its headers are added by
 * {@link CorsHeadersFilter}), 403 {@code origin_not_allowed} for any other.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class PreflightFilter implements ContainerRequestFilter {

    static final String PREFLIGHT = "io.friendchat.rest.preflight";

    private final AllowedOrigins origins;

    public PreflightFilter(AllowedOrigins origins) {
        this.origins = Objects.requireNonNull(origins);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (!HttpMethod.OPTIONS.equals(request.getMethod()) || origin == null
                || request.getHeaderString("Access-Control-Request-Method") == null
                || !ChatPaths.isChat(request.getUriInfo())) {
            return;
        }
        if (origins.allows(origin)) {
            request.setProperty(PREFLIGHT, Boolean.TRUE);
            request.abortWith(Response.noContent().build());
        } else {
            request.abortWith(Json.response(403, new ErrorBody(AllowedOrigins.REFUSAL, "origin_not_allowed")));
        }
    }
}
