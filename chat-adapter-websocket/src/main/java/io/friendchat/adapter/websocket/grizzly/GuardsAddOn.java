package io.friendchat.adapter.websocket.grizzly;

import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;

import java.util.List;

/**
 * Puts the handshake hand-off, the handshake check and the frame size guard before the HTTP
 * server filter (and Tyrus's). The check is given the endpoints, to apply their origin rule.
 */
final class GuardsAddOn implements AddOn {

    private final List<ServerEndpointConfig> endpoints;

    GuardsAddOn(List<ServerEndpointConfig> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int httpServerFilter = builder.indexOfType(HttpServerFilter.class);
        if (httpServerFilter >= 0) {
            builder.add(httpServerFilter, new FrameSizeGuard());
            builder.add(httpServerFilter, new HandshakeCheck(endpoints));
            builder.add(httpServerFilter, new HandshakeHandOff());
        }
    }
}
