package io.friendchat.adapter.websocket.grizzly;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;

import java.io.IOException;
import java.util.List;

/**
 * Serves WebSocket endpoints (Tyrus) on the port of an existing Grizzly
 * {@link HttpServer}, beside its HTTP handlers (Jersey): upgrade requests that match
 * an endpoint's path are taken by Tyrus, everything else falls through.
 */
public final class SharedPortWebSockets {

    /** The listener {@code GrizzlyHttpServerFactory} creates. */
    public static final String LISTENER = "grizzly";

    private SharedPortWebSockets() {
    }

    /**
     * Deploys the endpoints and adds WebSockets to the server's "grizzly" listener; call
     * before {@code server.start()}. Handshakes run on the server's worker threads, not
     * its selector threads, and upgraded connections are not closed by the HTTP
     * keep-alive idle timeout (the endpoints keep their own ping).
     */
    public static void attach(HttpServer server, List<ServerEndpointConfig> configs) {
        if (server.isStarted()) {
            throw new IllegalStateException("attach WebSockets before the server starts: add-ons apply at start");
        }
        NetworkListener listener = server.getListener(LISTENER);
        if (listener == null) {
            throw new IllegalArgumentException("the server has no listener named \"" + LISTENER + "\"");
        }
        SharedPortContainer container = new SharedPortContainer();
        try {
            for (ServerEndpointConfig config : configs) {
                container.addEndpoint(config);
            }
            container.start("", listener.getPort());
        } catch (DeploymentException | IOException e) {
            throw new IllegalStateException("could not deploy the WebSocket endpoints: " + e.getMessage(), e);
        }
        // Both add-ons insert right before the HTTP server filter: the hand-off and the size guard, then Tyrus.
        listener.registerAddOn(new GuardsAddOn(configs));
        listener.registerAddOn(new WebSocketAddOn(container, ""));
        // Without this, Grizzly's 30 s keep-alive idle timeout also closes idle upgraded connections.
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
    }
}
