package io.friendchat.adapter.persistence;

import io.friendchat.domain.message.AppendOutcome;
import io.friendchat.domain.message.NewMessage;
import io.friendchat.domain.store.StoreUnavailable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit of sends: a durable commit costs about the same for one message as for a
 * hundred, so the sends that arrive while a batch is being written wait in a queue, the
 * next batch takes all of them (at most {@link #MAX_BATCH}) in one transaction, and each
 * caller is answered only after that commit.
 * <p>
 * Where the database's commit is mostly waiting (PostgreSQL flushing its log), the next
 * batch runs its statements while the last one commits: {@link SqlDialect#batchesInFlight}
 * batches at once, one behind the other. On H2 one: its commit is this JVM's own work, and a
 * batch overlapping it measured no faster, only smaller. Batches take their locks in one
 * order ({@link OrderedSends}), so two cannot deadlock, and one receiver's sends are never in
 * both: {@code DeliveryOrder} hands the store a receiver's next sends only once the last ones
 * are committed, and where a caller's list spans two batches, the later one waits for the
 * receiver's mailbox lock.
 * <p>
 * Leader/follower rather than a writer thread: a caller that finds the turn free writes a
 * batch itself, on its own thread, and once that batch may be followed (its statements done,
 * or with one batch in flight its commit too) hands the turn to the oldest caller still
 * waiting, whose send leads the next batch. A lone send, the usual case on a quiet server,
 * commits on its caller's thread with no hand-over at all; under load the hand-over costs the
 * one wake-up a writer thread would cost too; and there is no thread to start, stop or lose
 * (a dead writer thread would leave every later caller waiting, whereas here every waiting
 * caller ends with its outcome or with its turn to write).
 */
final class GroupCommit implements AutoCloseable {

    static final int MAX_BATCH = 256;
    /** How long close() lets a batch being written finish; the database's own timeouts end it sooner. */
    private static final long CLOSE_WAIT_MS = TimeUnit.SECONDS.toMillis(15);

    private final BatchWriter writer;
    /** Batches taken from the queue and not yet ended, at most. */
    private final int maxInFlight;
    private final Object lock = new Object();
    private final ArrayDeque<PendingSend> queue = new ArrayDeque<>();
    /** A caller runs a batch's statements, or has been handed the turn to. */
    private boolean turnTaken;
    private int inFlight;
    private boolean closed;
    private final AtomicLong batches = new AtomicLong();
    private volatile Runnable beforeEachBatch = () -> { };

    GroupCommit(BatchWriter writer, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one batch in flight, got " + maxInFlight);
        }
        this.writer = writer;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Queues the messages one after another, so that a batch writes them in this order, and
     * returns once each is committed or failed. They may span batches when there are more
     * than a batch holds.
     */
    List<AppendOutcome> appendAll(List<NewMessage> messages) {
        List<PendingSend> sends = new ArrayList<>(messages.size());
        for (NewMessage message : messages) {
            sends.add(new PendingSend(message));
        }
        boolean leads;
        synchronized (lock) {
            if (closed) {
                List<AppendOutcome> refused = new ArrayList<>(sends.size());
                for (int i = 0; i < sends.size(); i++) {
                    refused.add(AppendOutcome.failed(closedFailure()));
                }
                return refused;
            }
            queue.addAll(sends);
            leads = turnIsFree();
            if (leads) {
                turnTaken = true;
            }
        }
        if (leads) {
            // A free turn is handed to the queue's head at once, so the queue was empty: these sends lead it.
            writeNextBatch();
        }
        List<AppendOutcome> outcomes = new ArrayList<>(sends.size());
        for (PendingSend send : sends) {
            // Handed the turn, a send is at the head of the queue: the batch it writes takes it.
            if (send.awaitOutcomeOrTurn()) {
                writeNextBatch();
            }
            outcomes.add(send.outcome());
        }
        return outcomes;
    }

    /** Refuses new sends, fails those still queued, and lets the batches being written finish. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            // Failed under the lock: a caller handed the next batch finds the queue empty and returns
            // at once, so its own send must already have its outcome by then.
            for (PendingSend send : queue) {
                send.complete(AppendOutcome.failed(closedFailure()));
            }
            queue.clear();
        }
        synchronized (lock) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
            boolean interrupted = false;
            long remainingMs;
            while ((turnTaken || inFlight > 0)
                    && (remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) > 0) {
                try {
                    lock.wait(remainingMs);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Batches written so far. */
    long batches() {
        return batches.get();
    }

    /** Transactions begun so far: one per batch, plus one per send of a batch written again one by one. */
    long transactions() {
        return writer.transactions();
    }

    /** Sends waiting for the next batch. */
    int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** For tests: runs on the writing caller's thread before each batch takes its sends from the queue. */
    void beforeEachBatch(Runnable hook) {
        beforeEachBatch = hook;
    }

    private void writeNextBatch() {
        List<PendingSend> batch = new ArrayList<>();
        TurnPassing turn = new TurnPassing();
        try {
            runHook();
            synchronized (lock) {
                while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                    batch.add(queue.pollFirst());
                }
                if (!batch.isEmpty()) {
                    inFlight++;
                }
            }
            if (!batch.isEmpty()) {
                batches.incrementAndGet();
                List<NewMessage> messages = new ArrayList<>(batch.size());
                for (PendingSend send : batch) {
                    messages.add(send.message);
                }
                List<AppendOutcome> outcomes = writer.write(messages, turn::pass);
                // The next batch's writer may wake while this one's callers are answered: waking each
                // of them is a system call, and the next batch has nothing to wait for.
                end(turn, true);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).complete(outcomes.get(i));
                }
            }
        } catch (RuntimeException | Error e) {
            // Whatever went wrong, no caller of this batch is left waiting, this one included.
            for (PendingSend send : batch) {
                send.complete(AppendOutcome.failed(new StoreUnavailable(StoreFailures.UNAVAILABLE, e)));
            }
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            end(turn, !batch.isEmpty());
        }
    }

    /** Where one batch is in giving up the turn and its place in flight. */
    private final class TurnPassing {

        private boolean passed;
        private boolean ended;

        /**
         * The batch's statements are done and it commits: the next batch may run its own. Only
         * the first call counts: the batch's retries one by one commit again after it.
         */
        void pass() {
            synchronized (lock) {
                if (passed) {
                    return;
                }
                passed = true;
                turnTaken = false;
                handOver();
            }
        }
    }

    private void runHook() {
        try {
            beforeEachBatch.run();
        } catch (RuntimeException e) {
            // Only tests set a hook; the batch must still be written, or its sends would wait forever.
        }
    }

    /** Once per batch: it leaves the flight, passes the turn if it still has it, and the turn goes on. */
    private void end(TurnPassing turn, boolean inFlightCounted) {
        synchronized (lock) {
            if (turn.ended) {
                return;
            }
            turn.ended = true;
            if (inFlightCounted) {
                inFlight--;
            }
            if (!turn.passed) {
                turnTaken = false;
            }
            handOver();
        }
    }

    private boolean turnIsFree() {
        return !turnTaken && inFlight < maxInFlight;
    }

    /** The oldest waiting caller writes the next batch once the turn is free; with none, the next caller will. */
    private void handOver() {
        if (turnIsFree()) {
            PendingSend next = queue.peekFirst();
            if (next != null) {
                turnTaken = true;
                next.lead();
            }
        }
        if (!turnTaken && inFlight == 0) {
            lock.notifyAll();
        }
    }

    private static StoreUnavailable closedFailure() {
        return new StoreUnavailable(StoreFailures.UNAVAILABLE, new IllegalStateException("the chat database is closed"));
    }
}
