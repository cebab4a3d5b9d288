package io.friendchat.domain.account;

import io.friendchat.domain.ChatException;

/** No account answers to the handle a caller gave. */
public final class AccountNotFound extends ChatException {

    private final String handle;

    public AccountNotFound(String handle) {
        super("No account matches that username or email.");
        this.handle = handle;
    }

    public String handle() {
        return handle;
    }
}
