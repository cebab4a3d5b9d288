package io.friendchat.domain.account;

import io.friendchat.domain.InvalidInput;

/**
 * What a caller names a friend by: a username (matched exactly) or else an email
 * (matched ignoring case). The rule lives here so every directory resolves alike.
 */
public record AccountHandle(String value) {

    public static final int MAX_LENGTH = 254;

    public AccountHandle {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("'account' is required: give the username or email of a friend.");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidInput("'account' is longer than " + MAX_LENGTH + " characters.");
        }
    }

    public static AccountHandle of(String value) {
        return new AccountHandle(value);
    }

    public boolean isUsernameOf(Account account) {
        return account.username().value().equals(value);
    }

    public boolean isEmailOf(Account account) {
        return Account.emailKey(account.email()).equals(emailKey());
    }

    public String emailKey() {
        return Account.emailKey(value);
    }
}
