package io.friendchat.application;

import io.friendchat.domain.account.Account;

/** How an account is shown to others: its username, full name and picture (the default one when it has none). */
public record Profile(String username, String fullName, String picture) {

    public static Profile of(Account account, ChatSettings settings) {
        return new Profile(account.username().value(), account.fullName(),
                account.pictureUrl().orElse(settings.defaultPicture()));
    }
}
