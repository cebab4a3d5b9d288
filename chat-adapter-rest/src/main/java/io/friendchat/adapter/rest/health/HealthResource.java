package io.friendchat.adapter.rest.health;

import io.friendchat.adapter.rest.HealthProbe;
import io.friendchat.adapter.rest.internal.Json;
import io.friendchat.adapter.rest.internal.QueryParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code GET /health}: UP while the database answers (other components are shown, not decisive). No token. */
@Path("health")
public final class HealthResource {

    private static final Logger LOG = Logger.getLogger(HealthResource.class.getName());
    private static final String DATABASE = "database";

    private final HealthProbe probe;

    public HealthResource(HealthProbe probe) {
        this.probe = Objects.requireNonNull(probe);
    }

    @GET
    public Response health(@Context UriInfo uri) {
        // No parameter is read, but a malformed query is refused as on every path (API.md).
        QueryParams.of(uri);
        Map<String, Boolean> components;
        try {
            components = probe.components();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the health probe failed", e);
            components = Map.of(DATABASE, false);
        }
        boolean up = Boolean.TRUE.equals(components.get(DATABASE));
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", word(up));
        body.put(DATABASE, word(up));
        components.forEach((name, componentUp) -> body.putIfAbsent(name, word(Boolean.TRUE.equals(componentUp))));
        return Json.response(up ? 200 : 503, body);
    }

    private static String word(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
