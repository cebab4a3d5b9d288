package io.friendchat.adapter.websocket.grizzly;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

import java.util.Map;

/**
 * A Tyrus server container that owns no socket: its engine is plugged into an existing
 * Grizzly listener.
 */
final class SharedPortContainer extends TyrusServerContainer {

    private final TyrusWebSocketEngine engine;

    SharedPortContainer() {
        super((java.util.Set<Class<?>>) null);
        // Tyrus's incoming buffer keeps its default (4 MB): it bounds one network read plus a partial frame,
        // not a message, so a tight one would refuse two back-to-back legal frames. The endpoint enforces 64 KiB.
        engine = TyrusWebSocketEngine.builder(this).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, "");
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, "");
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }
}
