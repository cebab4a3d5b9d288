package io.friendchat.adapter.websocket.grizzly;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.memory.Buffers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes an upgraded connection with 1009 as soon as a client frame declares a payload
 * over 64 KiB, before Tyrus buffers it: Tyrus would hold up to its 4 MB incoming buffer
 * and then close with 1011. Messages split into smaller frames are measured by the
 * endpoint, which sees them put together.
 */
final class FrameSizeGuard extends BaseFilter {

    static final int MAX_FRAME_PAYLOAD = 65_536;
    private static final int TOO_BIG = 1009;
    private static final byte[] REASON =
            "A message over 64 KiB (65,536 bytes) was sent.".getBytes(StandardCharsets.UTF_8);

    private static final long GRACE_SECONDS = 5;
    private static final ScheduledExecutorService GRACE = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chat-ws-close-grace");
        thread.setDaemon(true);
        return thread;
    });

    private static final Attribute<FrameScanner> SCANNER =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FrameSizeGuard.class.getName() + ".scanner");
    private static final Attribute<Boolean> REFUSED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FrameSizeGuard.class.getName() + ".refused");

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        if (!(ctx.getMessage() instanceof HttpContent content) || !isUpgraded(content)) {
            return ctx.getInvokeAction();
        }
        Connection<?> connection = ctx.getConnection();
        if (Boolean.TRUE.equals(REFUSED.get(connection))) {
            return ctx.getStopAction();
        }
        FrameScanner scanner = SCANNER.get(connection);
        if (scanner == null) {
            scanner = new FrameScanner(MAX_FRAME_PAYLOAD);
            SCANNER.set(connection, scanner);
        }
        if (scanner.scan(content.getContent())) {
            return ctx.getInvokeAction();
        }
        REFUSED.set(connection, Boolean.TRUE);
        closeTooBig(connection);
        return ctx.getStopAction();
    }

    /** The request of a connection that answered it with 101: what follows are frames. */
    private static boolean isUpgraded(HttpContent content) {
        return content.getHttpHeader() instanceof HttpRequestPacket request && request.getResponse().getStatus() == 101
                && request.getResponse().isCommitted();
    }

    /**
     * Writes a close frame with 1009, then reads and drops what the client still sends until
     * it closes (a close with unread input would reset the connection, and the client could
     * lose the close frame); a client that never closes is cut off after a grace period.
     * Tyrus then closes the session as dropped.
     */
    private static <L> void closeTooBig(Connection<L> connection) {
        ByteBuffer frame = ByteBuffer.allocate(4 + REASON.length);
        frame.put((byte) 0x88).put((byte) (2 + REASON.length)).putShort((short) TOO_BIG).put(REASON).flip();
        Buffer buffer = Buffers.wrap(connection.getMemoryManager(), frame);
        connection.write(buffer, new EmptyCompletionHandler<WriteResult<Buffer, L>>() {
            @Override
            public void failed(Throwable throwable) {
                connection.closeSilently();
            }
        });
        GRACE.schedule(connection::closeSilently, GRACE_SECONDS, TimeUnit.SECONDS);
    }
}
