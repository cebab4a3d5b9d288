package io.friendchat.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the pool use a database that comes back within about a second. After failed
 * attempts HikariCP's connection adder sleeps up to 5 s between tries (a fixed back-off),
 * so a pool left empty by an outage would keep refusing callers for seconds after the
 * database is back. While the pool holds no connection at all, this interrupts that sleep:
 * the adder's loop ends, and the next caller waiting for a connection starts a new one,
 * whose first attempt is immediate. Give it to the pool as its thread factory.
 */
final class PoolWakeUp implements ThreadFactory {

    private static final long CHECK_EVERY_MS = 250;

    private final Set<Thread> poolThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "friendchat-pool-wake-up");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                poolThreads.remove(Thread.currentThread());
            }
        }, "friendchat-pool-" + count.incrementAndGet());
        thread.setDaemon(true);
        poolThreads.add(thread);
        return thread;
    }

    /** Watches the pool until it is closed. */
    void watch(HikariDataSource pool) {
        ticker.scheduleWithFixedDelay(() -> check(pool), CHECK_EVERY_MS, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private void check(HikariDataSource pool) {
        if (pool.isClosed()) {
            ticker.shutdown();
            return;
        }
        HikariPoolMXBean state = pool.getHikariPoolMXBean();
        if (state == null || state.getTotalConnections() > 0) {
            return;
        }
        // Only sleeping threads: an attempt in progress is left to finish (idle workers ignore the interrupt).
        for (Thread thread : poolThreads) {
            if (thread.getState() == Thread.State.TIMED_WAITING) {
                thread.interrupt();
            }
        }
    }
}
