package io.friendchat.adapter.websocket;

import io.friendchat.application.ChatUseCases;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Objects;

/**
 * The chat's WebSocket, {@code /ws/connection/} (and the same path without its slash),
 * as endpoint configurations any Jakarta WebSocket container can deploy.
 */
public final class ChatSocket {

    public static final String PATH = "/ws/connection/";

    private ChatSocket() {
    }

    public static List<ServerEndpointConfig> endpointConfigs(ChatUseCases useCases, LiveSessions sessions,
                                                             WebSocketSettings settings) {
        HandshakeConfigurator configurator = new HandshakeConfigurator(Objects.requireNonNull(useCases),
                Objects.requireNonNull(sessions), Objects.requireNonNull(settings));
        return List.of(endpoint(PATH, configurator), endpoint(PATH.substring(0, PATH.length() - 1), configurator));
    }

    private static ServerEndpointConfig endpoint(String path, HandshakeConfigurator configurator) {
        return ServerEndpointConfig.Builder.create(ChatEndpoint.class, path).configurator(configurator).build();
    }
}
