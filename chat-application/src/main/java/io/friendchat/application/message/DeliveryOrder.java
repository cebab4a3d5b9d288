package io.friendchat.application.message;

import io.friendchat.domain.message.AppendOutcome;
import io.friendchat.domain.message.Appended;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.domain.message.NewMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores the messages for one receiver and hands them to the notifier in a single order, so
 * an account's sockets get its messages in commit order, which is id order. Without it two
 * sends to one receiver can commit as 119 then 120 and be pushed as 120 then 119, and a client
 * that reconnects with {@code after=120} would never see 119.
 * <p>
 * The sends waiting for a receiver go to the store together, as one list whose order the
 * store keeps (and may commit at once), and are pushed in that order once stored; only then
 * does that receiver's next round start. So a receiver that many friends write to at once
 * costs a round per commit, not a commit per message. Leader/follower: the caller that finds
 * no round in progress runs one on its own thread and, when done, hands the turn to the
 * oldest caller still waiting. Striped: receivers that share a stripe share its rounds,
 * which keeps each one's order.
 */
final class DeliveryOrder {

    private static final Logger LOG = Logger.getLogger(DeliveryOrder.class.getName());
    private static final int STRIPES = 1024;
    /** At most this many sends go to the store in one round; the rest wait for the next. */
    private static final int MAX_ROUND = 256;

    private final MessageStore messages;
    private final Stripe[] stripes = new Stripe[STRIPES];

    DeliveryOrder(MessageStore messages) {
        this.messages = messages;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * Stores the message; once it is committed, and only if it was created, runs {@code push}
     * with it, after the pushes of every message committed before it for the same receiver.
     */
    Appended store(NewMessage draft, Consumer<Message> push) {
        Stripe stripe = stripes[Math.floorMod(Long.hashCode(draft.receiver().value()), STRIPES)];
        return stripe.store(new Delivery(draft, push));
    }

    private final class Stripe {

        private final ArrayDeque<Delivery> waiting = new ArrayDeque<>();
        private boolean running;

        Appended store(Delivery delivery) {
            boolean leads;
            synchronized (this) {
                waiting.addLast(delivery);
                leads = !running;
                running = true;
            }
            // A caller given the turn is at the head of the queue, so its round takes its own send.
            if (leads || delivery.awaitOutcomeOrTurn()) {
                runRound();
            }
            return delivery.appendedOrThrow();
        }

        private void runRound() {
            List<Delivery> round = new ArrayList<>();
            boolean handedOver = false;
            try {
                synchronized (this) {
                    while (round.size() < MAX_ROUND && !waiting.isEmpty()) {
                        round.add(waiting.pollFirst());
                    }
                }
                List<NewMessage> drafts = new ArrayList<>(round.size());
                for (Delivery delivery : round) {
                    drafts.add(delivery.draft);
                }
                List<AppendOutcome> outcomes = messages.appendAll(drafts);
                if (outcomes.size() != round.size()) {
                    throw new IllegalStateException("the message store answered " + outcomes.size()
                            + " outcomes for " + round.size() + " messages");
                }
                // Pushed before the turn passes on: the next round's messages come after these.
                for (int i = 0; i < round.size(); i++) {
                    AppendOutcome outcome = outcomes.get(i);
                    if (outcome.failure() == null && outcome.appended().created()) {
                        round.get(i).push(outcome.appended().message());
                    }
                }
                handOver();
                handedOver = true;
                for (int i = 0; i < round.size(); i++) {
                    round.get(i).complete(outcomes.get(i));
                }
            } catch (RuntimeException | Error e) {
                // A store that broke its contract: no caller of this round is left waiting, this one included.
                RuntimeException failure = e instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("the message store failed", e);
                for (Delivery delivery : round) {
                    delivery.complete(AppendOutcome.failed(failure));
                }
                if (e instanceof Error error) {
                    throw error;
                }
            } finally {
                if (!handedOver) {
                    handOver();
                }
            }
        }

        /** The oldest waiting caller runs the next round; with none, the next caller to come will. */
        private void handOver() {
            synchronized (this) {
                Delivery next = waiting.peekFirst();
                if (next == null) {
                    running = false;
                } else {
                    next.lead();
                }
            }
        }
    }

    /** One caller's send: its draft, its push, and what became of it. */
    private static final class Delivery {

        final NewMessage draft;
        private final Consumer<Message> push;
        private AppendOutcome outcome;
        private boolean leads;

        Delivery(NewMessage draft, Consumer<Message> push) {
            this.draft = draft;
            this.push = push;
        }

        void push(Message stored) {
            try {
                push.accept(stored);
            } catch (RuntimeException e) {
                // The message is committed; a live client that missed it catches up from the store.
                LOG.log(Level.WARNING, "could not push message " + stored.id() + " to its receiver", e);
            }
        }

        synchronized void complete(AppendOutcome outcome) {
            if (this.outcome == null) {
                this.outcome = outcome;
                notifyAll();
            }
        }

        synchronized void lead() {
            leads = true;
            notifyAll();
        }

        /**
         * Waits until the send has its outcome (false) or its caller must run the next round
         * (true). An interrupt does not end the wait: the send may be committing, and its
         * caller must learn whether it was stored. The interrupt is kept for the caller.
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
            return outcome == null;
        }

        synchronized Appended appendedOrThrow() {
            return outcome.appendedOrThrow();
        }
    }
}
