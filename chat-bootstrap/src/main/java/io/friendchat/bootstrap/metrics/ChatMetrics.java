package io.friendchat.bootstrap.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.friendchat.adapter.websocket.DeliveryListener;
import io.friendchat.adapter.websocket.LiveSessions;
import io.friendchat.domain.live.Notifier;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.server.model.Resource;

import java.util.Objects;
import java.util.Optional;

/**
 * The chat's metrics on Micrometer: counts sends, refusals and deliveries by
 * decorating ports and hooking the adapters, and, for the standalone server, a
 * Prometheus registry with the JVM's meters behind {@code GET /metrics}. The core
 * never sees any of it.
 *
 * <p>{@link #off()} measures nothing and returns every port unchanged.
 */
public final class ChatMetrics implements AutoCloseable {

    private static final ChatMetrics OFF = new ChatMetrics(null, null, null);

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final JvmGcMetrics gc;

    private ChatMetrics(MeterRegistry registry, PrometheusMeterRegistry prometheus, JvmGcMetrics gc) {
        this.registry = registry;
        this.prometheus = prometheus;
        this.gc = gc;
    }

    /** No metrics: every port and hook is left as it is. */
    public static ChatMetrics off() {
        return OFF;
    }

    /** The standalone server's metrics: a Prometheus registry, the JVM's memory, GC and threads, and /metrics. */
    public static ChatMetrics prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return new ChatMetrics(registry, registry, gc);
    }

    /** The chat's meters in a host application's own registry (no JVM meters, no endpoint: the host has them). */
    public static ChatMetrics over(MeterRegistry registry) {
        return new ChatMetrics(Objects.requireNonNull(registry, "registry"), null, null);
    }

    public boolean enabled() {
        return registry != null;
    }

    /** The registry, when metrics are on. */
    public Optional<MeterRegistry> registry() {
        return Optional.ofNullable(registry);
    }

    /** Counts the messages stored, as the core hands each new one to the notifier after its commit. */
    public Notifier countStored(Notifier notifier) {
        return enabled() ? new CountingNotifier(notifier, registry) : notifier;
    }

    /** Counts the sends the limiter refuses (answered 429). */
    public RateLimiter countRefusals(RateLimiter limiter) {
        return enabled() ? new CountingRateLimiter(limiter, registry) : limiter;
    }

    /** For {@link LiveSessions}: counts pushed events per kind and times their delivery. */
    public DeliveryListener deliveries() {
        return enabled() ? new DeliveryMeters(registry) : DeliveryListener.NONE;
    }

    /** Shows the live sockets of this node: open sockets, accounts online, slow consumers closed. */
    public void watch(LiveSessions sessions) {
        if (!enabled()) {
            return;
        }
        Gauge.builder("chat.sockets.open", sessions, LiveSessions::openSockets)
                .description("WebSockets open on this node").register(registry);
        Gauge.builder("chat.accounts.online", sessions, LiveSessions::accountsOnline)
                .description("Accounts with at least one WebSocket open on this node").register(registry);
        FunctionCounter.builder("chat.slow.consumers.closed", sessions, LiveSessions::slowConsumersClosed)
                .description("WebSockets closed with 1013 because their outbound backlog was full")
                .register(registry);
    }

    /** HikariCP's own meters for the pool friendchat opens; null when metrics are off. */
    public MetricsTrackerFactory databasePool() {
        return enabled() ? new MicrometerMetricsTrackerFactory(registry) : null;
    }

    /** The {@code GET /metrics} resource, when this is a Prometheus registry. */
    public Optional<Resource> endpoint() {
        return prometheus == null ? Optional.empty() : Optional.of(MetricsResource.over(prometheus));
    }

    /** Counts every answer of the server by status. Call before the server starts. */
    public void countResponses(HttpServer server) {
        if (enabled()) {
            server.getServerConfiguration().getMonitoringConfig().getWebServerConfig()
                    .addProbes(new ResponseCounter(registry));
        }
    }

    /** Stops listening to the JVM's collections and closes a registry made here. */
    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }
}
