package io.friendchat.domain.friendship;

import io.friendchat.domain.account.AccountId;

import java.util.Objects;

/** Two accounts who are friends; the pair is unordered, so it is kept lower id first. */
public record Friendship(AccountId low, AccountId high) {

    public Friendship {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (low.compareTo(high) >= 0) {
            throw new IllegalArgumentException("a friendship is kept lower id first, between two accounts");
        }
    }

    public static Friendship of(AccountId a, AccountId b) {
        if (a.equals(b)) {
            throw new SelfConversation();
        }
        return a.compareTo(b) < 0 ? new Friendship(a, b) : new Friendship(b, a);
    }

    public boolean includes(AccountId account) {
        return low.equals(account) || high.equals(account);
    }
}
