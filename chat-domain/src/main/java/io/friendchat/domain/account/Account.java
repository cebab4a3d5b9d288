package io.friendchat.domain.account;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who can chat. {@code picture} is null when the account has none;
 * adapters then show the configured default picture.
 */
public record Account(AccountId id, Username username, String email, String fullName, String picture,
                      boolean twoFactor) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        fullName = fullName == null ? "" : fullName;
    }

    public Optional<String> pictureUrl() {
        return Optional.ofNullable(picture);
    }

    /** The key emails are compared by: Unicode lower case, independent of the machine's locale. */
    public static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
