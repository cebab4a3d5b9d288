package io.friendchat.adapter.websocket.grizzly;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Puts the handshake hand-off, the handshake check and the frame size guard before the HTTP
 * server filter (and Tyrus's).
 */
final class GuardsAddOn implements AddOn {

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int httpServerFilter = builder.indexOfType(HttpServerFilter.class);
        if (httpServerFilter >= 0) {
            builder.add(httpServerFilter, new FrameSizeGuard());
            builder.add(httpServerFilter, new HandshakeCheck());
            builder.add(httpServerFilter, new HandshakeHandOff());
        }
    }
}
