package io.friendchat.domain.directory;

import io.friendchat.domain.InvalidInput;

/** Changes to an account of the built-in directory; a null field stays as it is. */
public record AccountChanges(String email, String fullName, String picture, Boolean twoFactor) {

    public AccountChanges {
        if (email != null && (email.isBlank() || email.length() > 254)) {
            throw new InvalidInput("'email' must not be blank (at most 254 characters).");
        }
        AccountDraft.requireStorable("email", email);
        AccountDraft.requireStorable("full_name", fullName);
        AccountDraft.requireStorable("picture", picture);
    }
}
