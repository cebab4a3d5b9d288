package io.friendchat.domain.account;

import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.UnicodeText;

/**
 * What a caller names a friend by: a username (matched exactly) or else an email
 * (matched ignoring case). The rule lives here so every directory resolves alike.
 */
public record AccountHandle(String value) {

    public static final int MAX_LENGTH = 254;

    public AccountHandle {
        // Unicode White_Space, as for a message: a handle of only U+00A0 is blank, not an unknown account.
        if (value == null || UnicodeText.isBlank(value)) {
            throw new InvalidInput("'account' is required: give the username or email of a friend.");
        }
        // Code points, as usernames are counted: 150 letters outside the BMP are 300 UTF-16 units.
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidInput("'account' is longer than " + MAX_LENGTH + " characters.");
        }
        if (UnicodeText.hasLoneSurrogate(value)) {
            throw new InvalidInput("'account' is not valid Unicode text (a lone surrogate).");
        }
    }

    /**
     * False when the handle can name no account: no username or email holds U+0000 (the
     * directory refuses it), so such a handle is not looked up. PostgreSQL would refuse the
     * query itself rather than find nothing, which must not answer differently from H2.
     */
    public boolean canNameAnAccount() {
        return !UnicodeText.hasNul(value);
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
