package io.friendchat.domain.access;

import io.friendchat.domain.ChatException;

/** The caller is not authenticated: no token, a forged or expired one, or one for an unknown account. */
public final class InvalidToken extends ChatException {

    public InvalidToken(String reason) {
        super(reason);
    }
}
