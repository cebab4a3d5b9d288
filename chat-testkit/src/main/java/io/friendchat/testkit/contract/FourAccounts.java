package io.friendchat.testkit.contract;

import io.friendchat.domain.account.AccountId;

/** The four accounts of one contract test, from a block of ids no other test uses. */
record FourAccounts(AccountId alice, AccountId bob, AccountId carol, AccountId dave) {

    static FourAccounts fresh() {
        long first = FreshIds.block() + FreshIds.OFFSET;
        return new FourAccounts(AccountId.of(first + 1), AccountId.of(first + 2), AccountId.of(first + 3),
                AccountId.of(first + 4));
    }
}
