package io.friendchat.adapter.rest.grizzly;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.NIOConnection;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * The close of a connection answered before the client finished sending its body (a 413 for a
 * body over the limit). Closing a socket that still has unread bytes makes the kernel reset the
 * connection, and a reset can reach the client before it reads the answer: it would see a broken
 * connection instead of the JSON 413 (RFC 9112, section 9.6). So the answer ends with a half
 * close, and what the client still sends is read and dropped until it closes its side, up to
 * {@link #MAX_DROPPED_BYTES}; past that, or past the body's deadline ({@link RequestClock}),
 * the connection is closed all the same.
 */
final class LingeringClose {

    /** A chat client sends a few KiB; this lets an ordinary over-long upload finish. */
    static final long MAX_DROPPED_BYTES = 16L << 20;

    private static final Attribute<LingeringClose> LINGERING =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(LingeringClose.class.getName());

    /** Only the connection's reads change it, and Grizzly runs one read of a connection at a time. */
    private long bytesLeft = MAX_DROPPED_BYTES;

    private LingeringClose() {
    }

    /** Starts the close once the answer is complete: from here on the codec hands every read to {@link #dropped}. */
    static void begin(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        LINGERING.set(connection, new LingeringClose());
        // The write queue keeps order: an empty write completes once the answer before it is on the wire.
        ctx.write(Buffers.EMPTY_BUFFER, new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                shutOutput(connection);
            }

            @Override
            public void failed(Throwable throwable) {
                connection.closeSilently();
            }
        });
    }

    /** True when the connection is closing and the bytes just read were dropped. */
    static boolean dropped(FilterChainContext ctx) {
        LingeringClose lingering = LINGERING.get(ctx.getConnection());
        if (lingering == null) {
            return false;
        }
        Buffer bytes = ctx.getMessage();
        lingering.bytesLeft -= bytes.remaining();
        bytes.tryDispose();
        if (lingering.bytesLeft < 0) {
            ctx.getConnection().closeSilently();
        }
        return true;
    }

    private static void shutOutput(Connection<?> connection) {
        try {
            if (connection instanceof NIOConnection nio && nio.getChannel() instanceof SocketChannel socket) {
                socket.shutdownOutput();
                return;
            }
        } catch (IOException gone) {
            // Closed under us: nothing is left to shut.
        }
        connection.closeSilently();
    }
}
