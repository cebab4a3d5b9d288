package io.friendchat.bootstrap.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.HttpServerProbe;
import org.glassfish.grizzly.http.server.Response;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts the HTTP answers by status, from Grizzly's own probe: Jersey's answers
 * and those Grizzly gives itself alike. Each status's counter is made on its first
 * use and then found by index, with no lookup or allocation per request.
 */
final class ResponseCounter extends HttpServerProbe.Adapter {

    private static final int OTHER = 0;

    private final MeterRegistry registry;
    private final AtomicReferenceArray<Counter> byStatus = new AtomicReferenceArray<>(600);

    ResponseCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onRequestCompleteEvent(HttpServerFilter filter, Connection connection, Response response) {
        counter(response.getStatus()).increment();
    }

    private Counter counter(int status) {
        int slot = status >= 100 && status < 600 ? status : OTHER;
        Counter counter = byStatus.get(slot);
        if (counter == null) {
            // A race registers the same meter twice: the registry hands back the one it has.
            String tag = slot == OTHER ? "other" : Integer.toString(slot);
            counter = Counter.builder("chat.http.requests").tag("status", tag)
                    .description("HTTP requests answered, by status").register(registry);
            byStatus.set(slot, counter);
        }
        return counter;
    }
}
