package io.friendchat.domain.account;

import java.util.Objects;

/** The name an account is shown and addressed by; unique and compared exactly. */
public record Username(String value) {

    public Username {
        Objects.requireNonNull(value, "username");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a username is never empty");
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
