package io.friendchat.bench.client;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * An open-model load: request {@code i} is due at {@code start + i / rate}, whether
 * or not earlier ones were answered. Latencies are taken from that due time, not
 * from when the request actually left, so a stall of the server (or of this
 * sender) is counted in full: coordinated omission corrected.
 * <p>
 * The requests go out on a fixed set of sender threads, each making one blocking call
 * at a time over its keep-alive connection, as a load tool with a fixed number of
 * connections does. A request due while every sender is busy waits for one, and that
 * wait is part of its latency. The scheduling thread only hands requests over, so it
 * keeps its schedule. (Not {@code HttpClient.sendAsync}: on a 2-core machine each of
 * its completions starts a thread of its own, which took a share of the machine.)
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
     * How late the last request was handed to a sender after its due time, in seconds:
     * near 0 when this generator kept its schedule; when not, the latencies measure the
     * generator too.
     */
    public double lastFiredLateSeconds() {
        return lastFired == 0 ? Double.NaN : (lastFired - due(count - 1)) / 1e9;
    }

    /** When request {@code i} was due (System.nanoTime). */
    public long due(int i) {
        return start + (long) (i * 1e9 / ratePerSecond);
    }

    /**
     * Hands every request to the {@code senders} threads at its due time; {@code send}
     * makes request {@code i} and records its outcome (it must not throw). Waits (at
     * most {@code drain}) for the last ones to be answered.
     */
    public void run(IntConsumer send, int senders, Duration drain) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders, runnable -> {
            Thread thread = new Thread(runnable, "bench-sender-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            start = System.nanoTime() + 1_000_000;
            for (int i = 0; i < count; i++) {
                long wait = due(i) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int request = i;
                pool.execute(() -> send.accept(request));
            }
            lastFired = System.nanoTime();
            pool.shutdown();
            pool.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }
}
