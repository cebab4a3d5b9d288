package io.friendchat.adapter.rest.grizzly;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.utils.DelayedExecutor;

/**
 * Where one connection is in its requests, and until when it may stay there: waiting for a
 * request (idle), receiving a head, receiving a body, being served (no deadline: that is the
 * API's time), or upgraded to a WebSocket (no deadline: the socket has its own ping). When a
 * deadline passes the connection is closed, after a 408 if its request can still be answered.
 */
final class RequestClock {

    private enum Body { NONE, HELD, STREAMING }

    /** When the current step runs out, as the delay queue reads and writes it; unset when there is none. */
    volatile long deadlineMillis = DelayedExecutor.UNSET_TIMEOUT;

    private final Connection<?> connection;
    private final RequestDeadlines deadlines;
    private final RequestClocks clocks;

    private boolean upgraded;
    private boolean closed;
    private boolean headStarted;
    private int serving;
    private Body body = Body.NONE;
    private HeldBody held;
    private long headDeadline;
    private long bodyDeadline;
    private long idleDeadline;

    RequestClock(Connection<?> connection, RequestDeadlines deadlines, RequestClocks clocks) {
        this.connection = connection;
        this.deadlines = deadlines;
        this.clocks = clocks;
        this.idleDeadline = now() + deadlines.idle().toMillis();
    }

    synchronized void accepted() {
        idleDeadline = now() + deadlines.idle().toMillis();
        reschedule();
    }

    /** Bytes before the HTTP codec: with no body under way, they start a request head. */
    synchronized void bytesArrived() {
        if (!upgraded && !closed && body == Body.NONE && !headStarted) {
            headStarted = true;
            headDeadline = now() + deadlines.head().toMillis();
            reschedule();
        }
    }

    /** A piece of a request after the HTTP codec: returns what the chain does with it. */
    synchronized NextAction contentArrived(FilterChainContext ctx, HttpContent content) {
        if (upgraded) {
            return ctx.getInvokeAction();
        }
        if (closed) {
            // Run out (maybe answered 408) while this was parsed: it must not reach the API after all.
            return ctx.getStopAction();
        }
        return switch (body) {
            case NONE -> headArrived(ctx, content);
            case HELD -> heldBodyArrived(ctx, content);
            case STREAMING -> streamedBodyArrived(ctx, content);
        };
    }

    /** An answer went out in full. */
    synchronized void answered() {
        if (serving > 0) {
            serving--;
        }
        if (serving == 0) {
            idleDeadline = now() + deadlines.idle().toMillis();
        }
        reschedule();
    }

    synchronized void closed() {
        closed = true;
        held = null;
        clocks.unschedule(this);
    }

    /** Called by the delay queue once the deadline seems past; true when this clock needs no more watching. */
    synchronized boolean expire(long nowMillis) {
        long due = currentDeadline();
        if (closed || due == DelayedExecutor.UNSET_TIMEOUT) {
            return true;
        }
        if (nowMillis < due) {
            reschedule();
            return true;
        }
        closed = true;
        if (body == Body.HELD) {
            held.answerAndClose(connection, 408, ErrorAnswers.requestTimeout(deadlines.body()));
            held = null;
        } else {
            connection.closeSilently();
        }
        return true;
    }

    private NextAction headArrived(FilterChainContext ctx, HttpContent content) {
        headStarted = false;
        if (content.getHttpHeader().isUpgrade()) {
            upgraded = true;
            reschedule();
            return ctx.getInvokeAction();
        }
        if (HttpContent.isBroken(content)) {
            // The codec has already answered a malformed body with a 400 and closes the connection.
            return ctx.getStopAction();
        }
        if (content.isLast()) {
            return dispatched(ctx.getInvokeAction());
        }
        bodyDeadline = now() + deadlines.body().toMillis();
        HttpRequestPacket request = (HttpRequestPacket) content.getHttpHeader();
        if (!HeldBody.canHold(request)) {
            body = Body.STREAMING;
            return dispatched(ctx.getInvokeAction());
        }
        HeldBody.acknowledge(ctx, request);
        held = new HeldBody(ctx, request);
        held.append(content);
        body = Body.HELD;
        reschedule();
        return ctx.getStopAction();
    }

    private NextAction heldBodyArrived(FilterChainContext ctx, HttpContent content) {
        if (HttpContent.isBroken(content)) {
            held = null; // answered by the codec, as above
            body = Body.NONE;
            reschedule();
            return ctx.getStopAction();
        }
        held.append(content);
        if (content.isLast()) {
            ctx.setMessage(held.content(connection, true));
            held = null;
            body = Body.NONE;
            return dispatched(ctx.getInvokeAction());
        }
        if (held.size() > HeldBody.MAX_BYTES) {
            ctx.setMessage(held.content(connection, false));
            held = null;
            body = Body.STREAMING;
            return dispatched(ctx.getInvokeAction());
        }
        return ctx.getStopAction();
    }

    private NextAction streamedBodyArrived(FilterChainContext ctx, HttpContent content) {
        if (content.isLast() || HttpContent.isBroken(content)) {
            body = Body.NONE;
            reschedule();
        }
        return ctx.getInvokeAction();
    }

    private NextAction dispatched(NextAction action) {
        serving++;
        reschedule();
        return action;
    }

    private long currentDeadline() {
        if (closed || upgraded) {
            return DelayedExecutor.UNSET_TIMEOUT;
        }
        if (body != Body.NONE) {
            return bodyDeadline;
        }
        if (headStarted) {
            return headDeadline;
        }
        if (serving > 0 || deadlines.idle().isZero()) {
            return DelayedExecutor.UNSET_TIMEOUT;
        }
        return idleDeadline;
    }

    private void reschedule() {
        long due = currentDeadline();
        if (due == DelayedExecutor.UNSET_TIMEOUT) {
            clocks.unschedule(this);
        } else {
            clocks.schedule(this, due);
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
