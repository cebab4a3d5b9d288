package io.friendchat.domain.store;

import io.friendchat.domain.ChatException;

/**
 * The store could not be reached or failed. Nothing was stored, or, when it failed
 * during a commit, maybe it was: a retry with the same client id is safe.
 */
public final class StoreUnavailable extends ChatException {

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
