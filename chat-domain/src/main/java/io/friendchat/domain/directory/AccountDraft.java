package io.friendchat.domain.directory;

import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.UnicodeText;

/**
 * A new account for the built-in directory. {@code id} is null to let the
 * directory choose one above every id in use.
 */
public record AccountDraft(Long id, String username, String email, String fullName, String picture,
                           boolean twoFactor) {

    public static final int MAX_USERNAME = 150;

    public AccountDraft {
        if (id != null && id < 1) {
            throw new InvalidInput("'id' must be a positive integer.");
        }
        requireUsername(username);
        if (email == null || email.isBlank() || email.length() > 254) {
            throw new InvalidInput("'email' is required (at most 254 characters).");
        }
        requireStorable("email", email);
        requireStorable("full_name", fullName);
        requireStorable("picture", picture);
        fullName = fullName == null ? "" : fullName;
    }

    /** Django's default username rule ({@code ^[\w.@+-]+\Z}): 1 to 150 Unicode letters, numbers and @ . + - _ */
    static void requireUsername(String username) {
        if (username == null || username.isEmpty() || username.codePointCount(0, username.length()) > MAX_USERNAME
                || !username.codePoints().allMatch(AccountDraft::allowedInUsername)) {
            throw new InvalidInput("'username' must be 1 to 150 letters, numbers and @/./+/-/_ only.");
        }
    }

    /**
     * Python's {@code \w} is {@code str.isalnum()} or '_', and isalnum takes every numeric character:
     * letter numbers (Nl, Ⅻ) and other numbers (No, ² and ½) as well as decimal digits (Nd).
     */
    private static boolean allowedInUsername(int cp) {
        return Character.isLetter(cp) || isNumber(cp) || cp == '@' || cp == '.' || cp == '+' || cp == '-' || cp == '_';
    }

    private static boolean isNumber(int cp) {
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** No U+0000: PostgreSQL's text cannot hold it, and every database must answer alike. */
    static void requireStorable(String field, String value) {
        if (value != null && UnicodeText.hasNul(value)) {
            throw new InvalidInput("'" + field + "' contains the character U+0000, which cannot be stored.");
        }
    }
}
