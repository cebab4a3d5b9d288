package io.friendchat.adapter.rest.grizzly;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;

import java.util.concurrent.TimeUnit;

/**
 * The REST API on a Grizzly server made by Jersey's GrizzlyHttpServerFactory:
 * guards it against request targets Jersey cannot parse, against bodies that
 * stall or are never read and against requests that never finish (see
 * {@link RequestDeadlines}), and answers what Grizzly refuses by itself in JSON.
 * Call before the server starts.
 */
public final class GrizzlyRest {

    private GrizzlyRest() {
    }

    /** As {@link #protect(HttpServer, int, RequestDeadlines)} with {@link RequestDeadlines#DEFAULTS}. */
    public static void protect(HttpServer server, int bodyReadTimeoutSeconds) {
        protect(server, bodyReadTimeoutSeconds, RequestDeadlines.DEFAULTS);
    }

    /**
     * @param bodyReadTimeoutSeconds how long one read of a body the API streams (one over 64 KiB) may wait
     * @param deadlines how long a connection may take over a request's head and body, or stay idle
     */
    public static void protect(HttpServer server, int bodyReadTimeoutSeconds, RequestDeadlines deadlines) {
        var configuration = server.getServerConfiguration();
        var registration = configuration.getHttpHandlersWithMapping().entrySet().iterator().next();
        HttpHandler jersey = registration.getKey();
        HttpHandlerRegistration[] mapping = registration.getValue();
        configuration.removeHttpHandler(jersey);
        configuration.addHttpHandler(new GuardedHandler(jersey), mapping);
        // Close rather than drain a body left unread (a 413 for a 100 GB upload); give up on a stalled one.
        configuration.setMaxPayloadRemainderToSkip(0);
        // A GET or DELETE with a body reaches Jersey (and gets a JSON answer) instead of Grizzly's bare 400.
        configuration.setAllowPayloadForUndefinedHttpMethods(true);
        var listener = server.getListener("grizzly");
        listener.getTransport().setReadTimeout(bodyReadTimeoutSeconds, TimeUnit.SECONDS);
        listener.registerAddOn(JsonHttpCodec.addOn());
        listener.registerAddOn(new StalledRequests(deadlines));
        listener.registerAddOn(new OtherUpgradesAsPlainHttp());
    }
}
