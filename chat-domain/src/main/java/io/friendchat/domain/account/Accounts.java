package io.friendchat.domain.account;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The account directory the core reads: the built-in tables of the standalone
 * server, or a host application's own users.
 */
public interface Accounts {

    Optional<Account> byId(AccountId id);

    /** The accounts of all these ids that exist, in one call (an inbox asks for all its partners at once). */
    Map<AccountId, Account> byIds(Collection<AccountId> ids);

    /** The account whose username equals the handle exactly, or else whose email equals it ignoring case. */
    Optional<Account> resolve(AccountHandle handle);

    /**
     * {@link #resolve}, without asking the directory about a handle that can name no
     * account ({@link AccountHandle#canNameAnAccount()}): the use cases look friends up here.
     */
    default Optional<Account> find(AccountHandle handle) {
        return handle.canNameAnAccount() ? resolve(handle) : Optional.empty();
    }
}
