package io.friendchat.domain.directory;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Username;

import java.util.Optional;

/**
 * The write side of the built-in account directory and friend graph, used by the
 * standalone server's admin API. A host that brings its own accounts has none.
 */
public interface Directory {

    /** Creates the account; {@link DirectoryConflict} when its id, username or email (ignoring case) is taken. */
    Account create(AccountDraft draft);

    Optional<Account> byUsername(Username username);

    /** Applies the changes; empty when no account has that username. */
    Optional<Account> update(Username username, AccountChanges changes);

    /** Makes the two friends; nothing happens when they already are. */
    void befriend(AccountId a, AccountId b);

    /** Ends the friendship; nothing happens when there was none. Messages are kept. */
    void unfriend(AccountId a, AccountId b);
}
