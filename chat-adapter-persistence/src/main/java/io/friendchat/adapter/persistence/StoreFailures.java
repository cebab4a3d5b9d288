package io.friendchat.adapter.persistence;

import io.friendchat.domain.ChatException;
import io.friendchat.domain.store.StoreUnavailable;
import jakarta.persistence.PersistenceException;

import java.sql.SQLException;

/** Turns what the database, the pool or Hibernate threw into the domain's {@link StoreUnavailable}. */
final class StoreFailures {

    static final String UNAVAILABLE = "The database cannot be reached or failed; nothing was stored.";
    static final String COMMIT_FAILED = "The database failed while committing; the change may or may not be stored.";

    private StoreFailures() {
    }

    /** The failure as the core should see it: chat failures and programming errors pass unchanged. */
    static RuntimeException translate(RuntimeException failure, String message) {
        if (failure instanceof ChatException) {
            return failure;
        }
        if (failure instanceof PersistenceException) {
            return new StoreUnavailable(message, failure);
        }
        return failure;
    }

    /**
     * Whether the failure lies with the data of one statement (SQLState class 23, a constraint;
     * 22, a value the column refuses) or with a lock, which one receiver's mailbox or one
     * conversation holds: a lost race (40001 serialization failure, 40P01 PostgreSQL's deadlock;
     * H2 reports its deadlocks as 40001) or a lock held elsewhere for too long (H2's lock timeout
     * HYT00, PostgreSQL's 55P03). Retrying each send of a batch on its own then isolates the one
     * concerned. Anything else (the connection, the pool, an unknown state) would fail every retry alike.
     */
    static boolean concernsOneSend(SQLException failure) {
        String state = failure.getSQLState();
        if (state == null || state.length() != 5) {
            return false;
        }
        return state.startsWith("23") || state.startsWith("22")
                || state.equals("40001") || state.equals("40P01") || state.equals("HYT00") || state.equals("55P03");
    }

    /** The first line of the deepest cause's message: what a person can act on ("Connection refused"). */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
