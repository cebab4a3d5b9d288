package io.friendchat.bootstrap.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /metrics}: every meter in the Prometheus text format 0.0.4. No token. */
@Path("metrics")
public final class MetricsResource {

    /** Prometheus's text exposition format. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    MetricsResource(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @GET
    public Response scrape() {
        // The type is set here rather than with @Produces, so that any Accept header gets the text.
        return Response.ok(registry.scrape(TEXT_FORMAT), TEXT_FORMAT).header("Cache-Control", "no-store").build();
    }
}
