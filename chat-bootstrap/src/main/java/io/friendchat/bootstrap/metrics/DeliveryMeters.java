package io.friendchat.bootstrap.metrics;

import io.friendchat.adapter.websocket.DeliveryListener;
import io.friendchat.domain.live.EventKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Events delivered to sockets, per kind, and the time from the hand-over to
 * LiveSessions until the socket's send completed. Meters are made once: a
 * delivery only increments and records.
 */
final class DeliveryMeters implements DeliveryListener {

    private static final Duration[] BUCKETS = {
            Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5)};

    private final Counter[] delivered;
    private final Timer latency;

    DeliveryMeters(MeterRegistry registry) {
        EventKind[] kinds = EventKind.values();
        delivered = new Counter[kinds.length];
        for (EventKind kind : kinds) {
            delivered[kind.ordinal()] = Counter.builder("chat.events.delivered").tag("case", kind.name())
                    .description("Live events sent on a WebSocket, one per socket").register(registry);
        }
        latency = Timer.builder("chat.delivery.latency")
                .description("From an event's hand-over to the live sessions to the end of its socket send")
                .serviceLevelObjectives(BUCKETS).register(registry);
    }

    @Override
    public void delivered(EventKind kind, long nanos) {
        delivered[kind.ordinal()].increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }
}
