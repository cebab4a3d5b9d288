package io.friendchat.adapter.rest.grizzly;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;

import java.util.concurrent.TimeUnit;

/**
 * The REST API on a Grizzly server made by Jersey's GrizzlyHttpServerFactory:
 * guards it against request targets Jersey cannot parse and against bodies that
 * stall or are never read. Call before the server starts.
 */
public final class GrizzlyRest {

    private GrizzlyRest() {
    }

    public static void protect(HttpServer server, int bodyReadTimeoutSeconds) {
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
        server.getListener("grizzly").getTransport().setReadTimeout(bodyReadTimeoutSeconds, TimeUnit.SECONDS);
        server.getListener("grizzly").registerAddOn(new OtherUpgradesAsPlainHttp());
    }
}
