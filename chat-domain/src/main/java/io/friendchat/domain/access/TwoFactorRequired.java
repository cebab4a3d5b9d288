package io.friendchat.domain.access;

import io.friendchat.domain.ChatException;

/** The account has two-factor authentication on, and the token has not passed it. */
public final class TwoFactorRequired extends ChatException {

    public TwoFactorRequired() {
        super("Two-factor authentication required.");
    }
}
