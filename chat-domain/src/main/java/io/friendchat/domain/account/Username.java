package io.friendchat.domain.account;

import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.UnicodeText;

import java.util.Objects;

/** The name an account is shown and addressed by; unique and compared exactly. */
public record Username(String value) {

    public Username {
        Objects.requireNonNull(value, "username");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a username is never empty");
        }
        // None holds it (the directory's rule refuses it), and PostgreSQL refuses a query that carries it:
        // a name given to the admin API with U+0000 is bad input, whatever the database.
        if (UnicodeText.hasNul(value)) {
            throw new InvalidInput("A username cannot contain the character U+0000.");
        }
    }

    public static Username of(String value) {
        return new Username(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
