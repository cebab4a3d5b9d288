package io.friendchat.adapter.rest.grizzly;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.utils.DelayedExecutor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The request clocks of one listener's connections, and the one thread that acts on those whose
 * deadline has passed (Grizzly's delay queue: a map swept every check interval, so that starting
 * and stopping a deadline on each request costs a map write, not a timer).
 */
final class RequestClocks implements DelayedExecutor.Worker<RequestClock>, DelayedExecutor.Resolver<RequestClock> {

    private static final Attribute<RequestClock> CLOCK =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(RequestClock.class.getName());

    private final RequestDeadlines deadlines;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread sweeper = new Thread(task, "chat-request-deadlines");
        sweeper.setDaemon(true);
        return sweeper;
    });
    private final DelayedExecutor executor;
    private final DelayedExecutor.DelayQueue<RequestClock> queue;

    RequestClocks(RequestDeadlines deadlines) {
        this.deadlines = deadlines;
        this.executor = new DelayedExecutor(thread, deadlines.checkIntervalMillis(), TimeUnit.MILLISECONDS);
        this.queue = executor.createDelayQueue(this, this);
    }

    void start() {
        executor.start();
    }

    void stop() {
        executor.destroy();
        thread.shutdownNow();
    }

    RequestClock of(Connection<?> connection) {
        RequestClock clock = CLOCK.get(connection);
        if (clock == null) {
            clock = new RequestClock(connection, deadlines, this);
            CLOCK.set(connection, clock);
        }
        return clock;
    }

    /** The connection's clock, or null when it has none (any more). */
    RequestClock existing(Connection<?> connection) {
        return CLOCK.get(connection);
    }

    void closed(Connection<?> connection) {
        RequestClock clock = CLOCK.remove(connection);
        if (clock != null) {
            clock.closed();
        }
    }

    void schedule(RequestClock clock, long deadlineMillis) {
        queue.add(clock, Math.max(0, deadlineMillis - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }

    void unschedule(RequestClock clock) {
        queue.remove(clock);
    }

    @Override
    public boolean doWork(RequestClock clock) {
        return clock.expire(System.currentTimeMillis());
    }

    @Override
    public boolean removeTimeout(RequestClock clock) {
        clock.deadlineMillis = DelayedExecutor.UNSET_TIMEOUT;
        return true;
    }

    @Override
    public long getTimeoutMillis(RequestClock clock) {
        return clock.deadlineMillis;
    }

    @Override
    public void setTimeoutMillis(RequestClock clock, long timeoutMillis) {
        clock.deadlineMillis = timeoutMillis;
    }
}
