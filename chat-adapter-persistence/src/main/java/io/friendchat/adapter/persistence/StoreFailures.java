package io.friendchat.adapter.persistence;

import io.friendchat.domain.ChatException;
import io.friendchat.domain.store.StoreUnavailable;
import jakarta.persistence.PersistenceException;

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
