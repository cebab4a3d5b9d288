package io.friendchat.testkit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs tasks on their own threads, released together, and collects each outcome (a value or a failure). */
final class Concurrently {

    private static final long TIMEOUT_SECONDS = 60;

    private Concurrently() {
    }

    /** What one task gave: its value, or what it threw. */
    record Outcome<T>(T value, Throwable failure) {
    }

    static <T> List<Outcome<T>> run(int threads, IntFunction<Callable<T>> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    outcomes.add(new Outcome<>(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("a concurrent task did not finish within " + TIMEOUT_SECONDS + " s", e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
