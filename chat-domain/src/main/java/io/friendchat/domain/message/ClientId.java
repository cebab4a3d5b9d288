package io.friendchat.domain.message;

import io.friendchat.domain.InvalidInput;

import java.util.Objects;

/**
 * A sender's own name for one send, so a retry after a lost answer is recognised:
 * 1 to 64 code points, no lone surrogate, no U+0000 (no database would store it alike).
 */
public record ClientId(String value) {

    public static final int MAX_CODE_POINTS = 64;

    public ClientId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.codePointCount(0, value.length()) > MAX_CODE_POINTS) {
            throw new InvalidInput("'client_id' must be a string of 1 to " + MAX_CODE_POINTS + " characters.");
        }
        if (Text.hasLoneSurrogate(value)) {
            throw new InvalidInput("'client_id' is not valid Unicode text (a lone surrogate).");
        }
        if (Text.hasNul(value)) {
            throw new InvalidInput("'client_id' contains the character U+0000, which cannot be sent.");
        }
    }

    public static ClientId of(String value) {
        return new ClientId(value);
    }
}
