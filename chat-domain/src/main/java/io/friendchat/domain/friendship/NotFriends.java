package io.friendchat.domain.friendship;

import io.friendchat.domain.ChatException;
import io.friendchat.domain.account.AccountId;

/** The two accounts are not friends (now), so they cannot read or write their conversation. */
public final class NotFriends extends ChatException {

    private final AccountId caller;
    private final AccountId other;

    public NotFriends(AccountId caller, AccountId other) {
        super("You can only talk with your friends, and this account is not one.");
        this.caller = caller;
        this.other = other;
    }

    public AccountId caller() {
        return caller;
    }

    public AccountId other() {
        return other;
    }
}
