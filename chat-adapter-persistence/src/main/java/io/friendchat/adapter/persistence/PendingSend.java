package io.friendchat.adapter.persistence;

import io.friendchat.domain.message.AppendOutcome;
import io.friendchat.domain.message.NewMessage;

/**
 * One caller's send in the group commit's queue: its draft, then its outcome, or before
 * that the word that this caller writes the next batch.
 */
final class PendingSend {

    final NewMessage message;
    private AppendOutcome outcome;
    private boolean leads;

    PendingSend(NewMessage message) {
        this.message = message;
    }

    synchronized void complete(AppendOutcome outcome) {
        if (this.outcome == null) {
            this.outcome = outcome;
            notifyAll();
        }
    }

    synchronized boolean isComplete() {
        return outcome != null;
    }

    /** Wakes the caller to write the next batch. */
    synchronized void lead() {
        leads = true;
        notifyAll();
    }

    /**
     * Waits until the send has its outcome (false) or its caller must write the next batch (true).
     * An interrupt does not end the wait: the send may be committing, and its caller must learn
     * whether it was stored. The interrupt is kept for the caller.
     */
    synchronized boolean awaitOutcomeOrTurn() {
        boolean interrupted = false;
        while (outcome == null && !leads) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return leads;
    }

    synchronized AppendOutcome outcome() {
        return outcome;
    }
}
