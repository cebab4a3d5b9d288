package io.friendchat.adapter.websocket;

import io.friendchat.application.ChatUseCases;
import io.friendchat.domain.account.Account;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.OptionalLong;

/**
 * The handshake of {@code /ws/connection/}: refuses other origins with 403, then
 * authenticates the caller and registers its socket for delivery before the client
 * can see the socket open. A refusal is handed to the endpoint, which closes the socket
 * with its code (a handshake cannot carry a 4401).
 */
final class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    private final ChatUseCases useCases;
    private final LiveSessions sessions;
    private final WebSocketSettings settings;

    HandshakeConfigurator(ChatUseCases useCases, LiveSessions sessions, WebSocketSettings settings) {
        this.useCases = useCases;
        this.sessions = sessions;
        this.settings = settings;
    }

    /**
     * The socket's origin rule, and its only copy: on the shared port the handshake check
     * asks it before Tyrus does, to answer a refusal with a complete JSON 403.
     */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return originHeaderValue == null || settings.allowedOrigins().allows(originHeaderValue);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put(Admission.KEY, admit(request));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (!endpointClass.isAssignableFrom(ChatEndpoint.class)) {
            throw new InstantiationException("only the chat endpoint is served here, not " + endpointClass);
        }
        return endpointClass.cast(new ChatEndpoint(useCases, sessions));
    }

    /** An Admission, or the CloseReason the socket is to be closed with. */
    private Object admit(HandshakeRequest request) {
        try {
            ConnectRequest connect = new ConnectRequest(request.getParameterMap(), request.getHeaders());
            Account account = useCases.authenticateCaller().authenticate(connect.token());
            OptionalLong after = connect.after();
            LiveSocket socket = sessions.register(account.id(), connect.kinds(),
                    () -> useCases.closeLiveSession().close(account));
            return new Admission(account, socket, after);
        } catch (RuntimeException refused) {
            return SocketCloses.refusal(refused);
        }
    }
}
