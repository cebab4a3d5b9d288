package io.friendchat.bench.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-model load: request {@code i} is due at {@code start + i / rate}, whether
 * or not earlier ones were answered. Latencies are taken from that due time, not
 * from when the request actually left, so a stall of the server (or of this
 * sender) is counted in full: coordinated omission corrected.
 */
public final class OpenLoop {

    private final int ratePerSecond;
    private final int count;
    private volatile long start;
    private volatile long lastFired;

    public OpenLoop(int ratePerSecond, Duration duration) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("the rate must be at least 1 per second");
        }
        this.ratePerSecond = ratePerSecond;
        this.count = (int) Math.max(1, ratePerSecond * duration.toMillis() / 1000);
    }

    public int count() {
        return count;
    }

    /**
     * How late the last request left after its due time, in seconds: near 0 when this
     * generator kept its schedule; when not, the latencies measure the generator too.
     */
    public double lastFiredLateSeconds() {
        return lastFired == 0 ? Double.NaN : (lastFired - due(count - 1)) / 1e9;
    }

    /** When request {@code i} was due (System.nanoTime). */
    public long due(int i) {
        return start + (long) (i * 1e9 / ratePerSecond);
    }

    /**
     * Fires every request at its due time; waits (at most {@code drain}) for the
     * answers. At most {@code maxInFlight} are outstanding; past that the sender
     * waits, and the wait still counts in each request's latency.
     */
    public void run(IntFunction<CompletableFuture<?>> fire, int maxInFlight, Duration drain) {
        Semaphore inFlight = new Semaphore(maxInFlight);
        start = System.nanoTime() + 1_000_000;
        for (int i = 0; i < count; i++) {
            long wait = due(i) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquireUninterruptibly();
            CompletableFuture<?> answer;
            try {
                answer = fire.apply(i);
            } catch (RuntimeException e) {
                inFlight.release();
                throw e;
            }
            answer.whenComplete((value, failure) -> inFlight.release());
        }
        lastFired = System.nanoTime();
        try {
            if (inFlight.tryAcquire(maxInFlight, drain.toMillis(), TimeUnit.MILLISECONDS)) {
                inFlight.release(maxInFlight);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
