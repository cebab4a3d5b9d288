package io.friendchat.application.directory;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.Username;
import io.friendchat.domain.directory.AccountChanges;
import io.friendchat.domain.directory.AccountDraft;
import io.friendchat.domain.directory.Directory;

import java.util.Objects;
import java.util.Optional;

/** Provisions the accounts of the built-in directory (the admin API). */
public final class ManageAccounts {

    private final Directory directory;

    public ManageAccounts(Directory directory) {
        this.directory = Objects.requireNonNull(directory);
    }

    public Account create(AccountDraft draft) {
        return directory.create(draft);
    }

    public Optional<Account> find(String username) {
        return username == null || username.isEmpty() ? Optional.empty() : directory.byUsername(Username.of(username));
    }

    public Optional<Account> update(String username, AccountChanges changes) {
        return username == null || username.isEmpty()
                ? Optional.empty()
                : directory.update(Username.of(username), changes);
    }
}
