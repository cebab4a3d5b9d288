package io.friendchat.bootstrap.metrics;

import io.friendchat.adapter.rest.MalformedRequests;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.process.Inflector;
import org.glassfish.jersey.server.model.Resource;

/** {@code GET /metrics}: every meter in the Prometheus text format 0.0.4. No token. */
final class MetricsResource {

    /** Prometheus's text exposition format. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsResource() {
    }

    /** The endpoint as a Jersey resource built in code, since it exists only when metrics are on. */
    static Resource over(PrometheusMeterRegistry registry) {
        Resource.Builder metrics = Resource.builder("metrics");
        // An anonymous class, not a lambda: Jersey reads the request type from the inflector's generic type.
        // The media type is set on the answer rather than declared, so that any Accept header gets the text.
        metrics.addMethod("GET").handledBy(new Inflector<ContainerRequestContext, Response>() {
            @Override
            public Response apply(ContainerRequestContext request) {
                MalformedRequests.refuseMalformedQuery(request.getUriInfo());
                return Response.ok(registry.scrape(TEXT_FORMAT), TEXT_FORMAT).header("Cache-Control", "no-store")
                        .build();
            }
        });
        return metrics.build();
    }
}
