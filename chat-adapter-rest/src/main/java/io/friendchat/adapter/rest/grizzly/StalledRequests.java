package io.friendchat.adapter.rest.grizzly;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.TransportProbe;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Closes connections that hold the server without finishing a request (slow-loris): a head not
 * complete within its deadline of its first byte, a body not complete within its deadline of
 * the head (answered 408 first), or no request at all for the idle deadline. Two filters around
 * the HTTP codec feed each connection's {@link RequestClock}: one sees the first raw byte of a
 * head, the other the parsed head, body pieces and the end of each answer.
 */
final class StalledRequests implements AddOn {

    private final RequestDeadlines deadlines;

    StalledRequests(RequestDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            return;
        }
        RequestClocks clocks = new RequestClocks(deadlines);
        builder.add(codec + 1, new Parsed(clocks));
        builder.add(codec, new Raw(clocks));
        listener.getTransport().getMonitoringConfig().addProbes(new TransportProbe.Adapter() {
            @Override
            public void onStopEvent(Transport transport) {
                clocks.stop();
            }
        });
        clocks.start();
    }

    /** Before the codec: connections as they open, send bytes and close. */
    private static final class Raw extends BaseFilter {

        private final RequestClocks clocks;

        Raw(RequestClocks clocks) {
            this.clocks = clocks;
        }

        @Override
        public NextAction handleAccept(FilterChainContext ctx) {
            clocks.of(ctx.getConnection()).accepted();
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) {
            if (ctx.getMessage() instanceof Buffer bytes && bytes.hasRemaining()) {
                clocks.of(ctx.getConnection()).bytesArrived();
            }
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleClose(FilterChainContext ctx) {
            clocks.closed(ctx.getConnection());
            return ctx.getInvokeAction();
        }
    }

    /** After the codec: heads, body pieces (held here until whole) and completed answers. */
    private static final class Parsed extends BaseFilter {

        private final RequestClocks clocks;

        Parsed(RequestClocks clocks) {
            this.clocks = clocks;
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) {
            if (ctx.getMessage() instanceof HttpContent content) {
                return clocks.of(ctx.getConnection()).contentArrived(ctx, content);
            }
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) {
            RequestClock clock = clocks.existing(ctx.getConnection());
            if (clock != null && event.type() == HttpEvents.ResponseCompleteEvent.TYPE) {
                clock.answered();
            }
            return ctx.getInvokeAction();
        }
    }
}
