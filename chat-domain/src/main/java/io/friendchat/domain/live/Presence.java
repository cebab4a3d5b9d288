package io.friendchat.domain.live;

import io.friendchat.domain.account.AccountId;

import java.util.Collection;
import java.util.Set;

/** Who is online: an account with at least one open live connection, on any node. */
public interface Presence {

    /** Counts one more open connection; true when it is the account's first anywhere. */
    boolean connected(AccountId account);

    /** Counts one connection fewer; true when it was the account's last anywhere. */
    boolean disconnected(AccountId account);

    boolean isOnline(AccountId account);

    /** Those of the accounts that are online, in one call. */
    Set<AccountId> onlineAmong(Collection<AccountId> accounts);
}
