package io.friendchat.adapter.rest.grizzly;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Serves a request that offers an upgrade this server does not speak (the
 * {@code Upgrade: h2c} that Java's HttpClient and {@code curl --http2} send) as
 * the plain HTTP/1.1 request it also is. Left alone, Grizzly stops decoding the
 * body of any request naming an upgrade, so such a POST would never see its body.
 */
final class OtherUpgradesAsPlainHttp extends BaseFilter implements AddOn {

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        builder.add(builder.indexOfType(HttpServerFilter.class) + 1, this);
    }

    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) {
        if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
            HttpHeader header = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
            if (!"websocket".equalsIgnoreCase(header.getUpgrade())) {
                header.setIgnoreContentModifiers(false);
                header.getUpgradeDC().recycle();
            }
        }
        return ctx.getInvokeAction();
    }
}
