package io.friendchat.adapter.persistence;

import org.hibernate.Session;
import org.hibernate.Transaction;
import org.hibernate.exception.ConstraintViolationException;

import java.util.function.Function;

/**
 * Gives each store call a Hibernate session of its own, in a short transaction. A call
 * made while Hibernate's bootstrap is still going on waits for it.
 */
final class SessionScope {

    private final HibernateStart hibernate;

    SessionScope(HibernateStart hibernate) {
        this.hibernate = hibernate;
    }

    /** Runs the work in a transaction of its own. */
    <T> T call(Function<Session, T> work) {
        try {
            return callAllowingConflicts(work);
        } catch (ConstraintViolationException e) {
            throw StoreFailures.translate(e, StoreFailures.UNAVAILABLE);
        }
    }

    /**
     * As {@link #call}, but a unique or check constraint violation comes out as
     * Hibernate's {@link ConstraintViolationException}, for a store that expects races.
     */
    <T> T callAllowingConflicts(Function<Session, T> work) {
        Session session = null;
        Transaction transaction = null;
        try {
            session = hibernate.await().openSession();
            transaction = session.beginTransaction();
            T result = work.apply(session);
            try {
                transaction.commit();
            } catch (ConstraintViolationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw StoreFailures.translate(e, StoreFailures.COMMIT_FAILED);
            }
            return result;
        } catch (ConstraintViolationException e) {
            rollbackQuietly(transaction);
            throw e;
        } catch (RuntimeException e) {
            rollbackQuietly(transaction);
            throw StoreFailures.translate(e, StoreFailures.UNAVAILABLE);
        } finally {
            if (session != null) {
                closeQuietly(session);
            }
        }
    }

    private static void rollbackQuietly(Transaction transaction) {
        if (transaction == null) {
            return;
        }
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException ignored) {
            // The connection is already gone; the database rolls back on its own.
        }
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (RuntimeException ignored) {
            // Closing a session whose connection broke: nothing is left to release.
        }
    }
}
