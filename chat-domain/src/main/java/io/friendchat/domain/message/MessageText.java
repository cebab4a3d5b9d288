package io.friendchat.domain.message;

import io.friendchat.domain.InvalidInput;

import java.util.Objects;

/**
 * The text of a message, kept exactly as given: not blank (Unicode White_Space
 * only counts as blank), no U+0000, no lone surrogate, and at most a configured
 * number of code points.
 */
public record MessageText(String value) {

    public static final int DEFAULT_MAX_CODE_POINTS = 2000;

    public MessageText {
        Objects.requireNonNull(value, "value");
        if (Text.isBlank(value)) {
            throw new InvalidInput("'message' is empty: write something to send.");
        }
        if (Text.hasNul(value)) {
            throw new InvalidInput("'message' contains the character U+0000, which cannot be sent.");
        }
        if (Text.hasLoneSurrogate(value)) {
            throw new InvalidInput("'message' is not valid Unicode text (a lone surrogate).");
        }
    }

    /** The text if it also fits within {@code maxCodePoints}. */
    public static MessageText of(String value, int maxCodePoints) {
        if (value == null) {
            throw new InvalidInput("'message' is required.");
        }
        MessageText text = new MessageText(value);
        if (value.codePointCount(0, value.length()) > maxCodePoints) {
            throw new InvalidInput("'message' is longer than " + maxCodePoints + " characters.");
        }
        return text;
    }
}
