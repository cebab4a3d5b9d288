package io.friendchat.adapter.persistence;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.exception.ConstraintViolationException;

import java.util.function.Function;

/**
 * Gives each store call its Hibernate session: the one bound to the thread by a
 * unit of work, or else a new one in a short transaction of its own.
 */
final class SessionScope {

    private final SessionFactory sessions;
    private final ThreadLocal<Session> bound = new ThreadLocal<>();

    SessionScope(SessionFactory sessions) {
        this.sessions = sessions;
    }

    boolean inUnitOfWork() {
        return bound.get() != null;
    }

    /** Runs the work in the bound session, or in a transaction of its own. */
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
        Session current = bound.get();
        if (current != null) {
            return work.apply(current);
        }
        return inNewTransaction(work);
    }

    /** Binds one session and transaction to the thread for the whole unit of work. */
    <T> T unitOfWork(Function<Session, T> work) {
        if (bound.get() != null) {
            return work.apply(bound.get());
        }
        try {
            return inNewTransaction(session -> {
                bound.set(session);
                try {
                    return work.apply(session);
                } finally {
                    bound.remove();
                }
            });
        } catch (ConstraintViolationException e) {
            throw StoreFailures.translate(e, StoreFailures.COMMIT_FAILED);
        }
    }

    private <T> T inNewTransaction(Function<Session, T> work) {
        Session session = null;
        Transaction transaction = null;
        try {
            session = sessions.openSession();
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
