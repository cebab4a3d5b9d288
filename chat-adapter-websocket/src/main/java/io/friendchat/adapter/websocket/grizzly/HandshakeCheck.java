package io.friendchat.adapter.websocket.grizzly;

import io.friendchat.application.access.AllowedOrigins;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.memory.Buffers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers a WebSocket handshake that Tyrus would refuse badly with a JSON error, and closes
 * the connection. Tyrus's own refusals are a bare status line, without a length, on a
 * connection left open, so the client waits for ever: a 500 without a
 * {@code Sec-WebSocket-Key}, a 426 for another version than 13 (here both a 400), and a 403
 * for an origin the endpoint's configurator refuses (here a 403 with the preflight's
 * {@code origin_not_allowed}, decided by that same configurator, so there is one rule).
 */
final class HandshakeCheck extends BaseFilter {

    private static final String NOT_SPOKEN = "{\"error\": \"This is not a WebSocket handshake this server speaks: send "
            + "Sec-WebSocket-Key and Sec-WebSocket-Version: 13.\", \"code\": \"invalid_request\"}";
    // The text has nothing JSON must escape; the shape is the REST adapter's, byte for byte.
    private static final String ORIGIN_REFUSED = "{\"error\":\"" + AllowedOrigins.REFUSAL
            + "\",\"code\":\"origin_not_allowed\"}";

    private final EndpointPaths endpoints;

    HandshakeCheck(List<ServerEndpointConfig> configs) {
        this.endpoints = new EndpointPaths(configs);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        if (ctx.getMessage() instanceof HttpContent content
                && content.getHttpHeader() instanceof HttpRequestPacket request
                && "websocket".equalsIgnoreCase(request.getUpgrade())
                && !request.getResponse().isCommitted()) {
            if (request.getRequestURI().startsWith("/ws/") && !speaksWebSocket13(request)) {
                refuse(ctx.getConnection(), "400 Bad Request", "Sec-WebSocket-Version: 13\r\n", NOT_SPOKEN);
                return ctx.getStopAction();
            }
            // Asked here on the selector thread: an origin rule reads no store. Tyrus asks it again, and agrees.
            Optional<ServerEndpointConfig> endpoint = endpoints.find(request.getRequestURI());
            if (endpoint.isPresent() && !endpoint.get().getConfigurator().checkOrigin(origin(request))) {
                refuse(ctx.getConnection(), "403 Forbidden", "", ORIGIN_REFUSED);
                return ctx.getStopAction();
            }
        }
        return ctx.getInvokeAction();
    }

    private static boolean speaksWebSocket13(HttpRequestPacket request) {
        String key = request.getHeader("Sec-WebSocket-Key");
        return key != null && !key.isBlank() && "13".equals(request.getHeader("Sec-WebSocket-Version"));
    }

    /** The Origin as Tyrus hands it to checkOrigin: null when absent, several fields joined with commas. */
    private static String origin(HttpRequestPacket request) {
        List<String> values = new ArrayList<>();
        request.getHeaders().values("Origin").forEach(values::add);
        return values.isEmpty() ? null : String.join(",", values);
    }

    private static <L> void refuse(Connection<L> connection, String status, String headers, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n" + headers + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] answer = new byte[head.length + body.length];
        System.arraycopy(head, 0, answer, 0, head.length);
        System.arraycopy(body, 0, answer, head.length, body.length);
        Buffer buffer = Buffers.wrap(connection.getMemoryManager(), answer);
        connection.write(buffer, new EmptyCompletionHandler<WriteResult<Buffer, L>>() {
            @Override
            public void completed(WriteResult<Buffer, L> result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable throwable) {
                connection.closeSilently();
            }
        });
    }
}
