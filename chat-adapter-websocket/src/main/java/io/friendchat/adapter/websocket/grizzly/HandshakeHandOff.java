package io.friendchat.adapter.websocket.grizzly;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.threadpool.Threads;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Moves WebSocket handshakes from Grizzly's selector threads to its worker threads, as
 * Grizzly does for HTTP requests: Tyrus's filter runs before the HTTP server filter, so
 * without this the handshake (which authenticates against the account store) would
 * block a selector. The connection reads nothing more until the handshake is done.
 */
final class HandshakeHandOff extends BaseFilter {

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        if (!Threads.isService() || !isUnansweredUpgrade(ctx.getMessage())) {
            return ctx.getInvokeAction();
        }
        Executor workers = ctx.getConnection().getTransport().getWorkerThreadPool();
        if (workers == null) {
            return ctx.getInvokeAction();
        }
        ctx.suspend();
        try {
            workers.execute(ctx::resumeNext);
        } catch (RejectedExecutionException e) {
            ctx.resumeNext();
        }
        return ctx.getSuspendAction();
    }

    /** An upgrade request whose answer is not written yet (after it, the connection carries frames). */
    private static boolean isUnansweredUpgrade(Object message) {
        if (!(message instanceof HttpContent content)) {
            return false;
        }
        HttpHeader header = content.getHttpHeader();
        return header instanceof HttpRequestPacket request && "websocket".equalsIgnoreCase(request.getUpgrade())
                && !request.getResponse().isCommitted();
    }
}
