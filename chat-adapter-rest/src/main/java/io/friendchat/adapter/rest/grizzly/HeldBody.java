package io.friendchat.adapter.rest.grizzly;

import io.friendchat.adapter.rest.internal.RequestBody;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.Buffers;

import java.io.ByteArrayOutputStream;

/**
 * A request whose body is still arriving, kept from the API until it is whole; if it never is,
 * the request is still unanswered, so it can get its own 408.
 */
final class HeldBody {

    /** Past this the API refuses the body (413) anyway: it is handed over as it comes. */
    static final int MAX_BYTES = RequestBody.MAX_BYTES;

    private final HttpRequestPacket request;
    private final FilterChain chain;
    private final int filterIndex;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** @param ctx the context that brought the head, at the filter that holds the body */
    HeldBody(FilterChainContext ctx, HttpRequestPacket request) {
        this.request = request;
        this.chain = ctx.getFilterChain();
        this.filterIndex = ctx.getFilterIdx();
    }

    /** Whether the body may wait here: not when its declared length is over the limit (the API refuses it unread). */
    static boolean canHold(HttpRequestPacket request) {
        return request.getContentLength() <= MAX_BYTES;
    }

    /**
     * Sends the 100 Continue a client may wait for before its body (the codec refuses any other
     * expectation); the codec then marks it sent, so that the API does not send it again.
     */
    static void acknowledge(FilterChainContext ctx, HttpRequestPacket request) {
        if (request.requiresAcknowledgement()) {
            HttpResponsePacket response = request.getResponse();
            response.setStatus(HttpStatus.CONINTUE_100);
            response.setAcknowledgement(true);
            ctx.write(response);
        }
    }

    void append(HttpContent content) {
        Buffer chunk = content.getContent();
        int length = chunk.remaining();
        if (length > 0) {
            byte[] copy = new byte[length];
            chunk.get(copy);
            bytes.write(copy, 0, length);
        }
    }

    int size() {
        return bytes.size();
    }

    /** What arrived so far, as the one piece of content the API sees first. */
    HttpContent content(Connection<?> connection, boolean last) {
        return HttpContent.builder(request).content(Buffers.wrap(connection.getMemoryManager(), bytes.toByteArray()))
                .last(last).build();
    }

    /** Answers the request with this status and JSON body through the HTTP codec, then closes the connection. */
    void answerAndClose(Connection<?> connection, int status, byte[] body) {
        HttpResponsePacket response = request.getResponse();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getProcessingState().setKeepAlive(false);
        HttpContent answer = HttpContent.builder(response)
                .content(Buffers.wrap(connection.getMemoryManager(), body)).last(true).build();
        // The head's own context is gone: a fresh one placed at the holding filter writes through the codec.
        FilterChainContext writing = chain.obtainFilterChainContext(connection);
        writing.setFilterIdx(filterIndex);
        writing.write(answer, new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable throwable) {
                connection.closeSilently();
            }
        });
        writing.completeAndRecycle();
    }
}
