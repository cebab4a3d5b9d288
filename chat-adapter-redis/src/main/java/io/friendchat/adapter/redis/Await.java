package io.friendchat.adapter.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits for Redis answers: an answer, or {@link Unavailable} once the wait is over or Redis failed. */
final class Await {

    /** Redis did not answer in time, or answered with a failure: fall back to this node alone. */
    static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private Await() {
    }

    static <T> T result(CompletableFuture<T> answer, Duration wait) throws Unavailable {
        try {
            return answer.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for Redis", e);
        } catch (ExecutionException e) {
            throw new Unavailable("Redis failed", e.getCause());
        } catch (TimeoutException e) {
            throw new Unavailable("Redis did not answer within " + wait.toMillis() + " ms", e);
        }
    }

    /** A failed answer, for when there is no connection to ask. */
    static <T> CompletableFuture<T> notConnected() {
        return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis"));
    }
}
