package io.friendchat.domain.friendship;

import io.friendchat.domain.account.AccountId;

import java.util.Collection;
import java.util.Set;

/** The friend graph the core reads: who may talk to whom, right now. */
public interface Friendships {

    boolean areFriends(AccountId a, AccountId b);

    /** Every current friend of the account. */
    Set<AccountId> friendsOf(AccountId account);

    /** Those of the candidates that are friends of the account now, in one call. */
    Set<AccountId> friendsAmong(AccountId account, Collection<AccountId> candidates);

    /** Only friends talk: reading and writing a conversation both pass here. */
    default void requireFriends(AccountId a, AccountId b) {
        if (!areFriends(a, b)) {
            throw new NotFriends(a, b);
        }
    }
}
