package io.friendchat.adapter.websocket.grizzly;

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

/**
 * Answers a WebSocket handshake that Tyrus would mishandle with a 400 JSON error and
 * closes the connection: without a {@code Sec-WebSocket-Key} Tyrus answers a bare 500,
 * and for another version than 13 a bare 426, both without a length, on a connection
 * left open, so the client waits for ever.
 */
final class HandshakeCheck extends BaseFilter {

    private static final String BODY = "{\"error\": \"This is not a WebSocket handshake this server speaks: send "
            + "Sec-WebSocket-Key and Sec-WebSocket-Version: 13.\", \"code\": \"invalid_request\"}";

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        if (ctx.getMessage() instanceof HttpContent content
                && content.getHttpHeader() instanceof HttpRequestPacket request
                && "websocket".equalsIgnoreCase(request.getUpgrade())
                && !request.getResponse().isCommitted()
                && request.getRequestURI().startsWith("/ws/")
                && !speaksWebSocket13(request)) {
            refuse(ctx.getConnection());
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
    }

    private static boolean speaksWebSocket13(HttpRequestPacket request) {
        String key = request.getHeader("Sec-WebSocket-Key");
        return key != null && !key.isBlank() && "13".equals(request.getHeader("Sec-WebSocket-Version"));
    }

    private static <L> void refuse(Connection<L> connection) {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nSec-WebSocket-Version: 13\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
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
