package io.friendchat.domain.conversation;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.friendship.SelfConversation;

import java.util.Objects;

/** The conversation of two different accounts, kept lower id first so each pair has exactly one. */
public record Conversation(AccountId low, AccountId high) {

    public Conversation {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (low.compareTo(high) >= 0) {
            throw new IllegalArgumentException("a conversation is kept lower id first, between two accounts");
        }
    }

    /** The conversation of a and b, in whichever order they are given. */
    public static Conversation between(AccountId a, AccountId b) {
        if (a.equals(b)) {
            throw new SelfConversation();
        }
        return a.compareTo(b) < 0 ? new Conversation(a, b) : new Conversation(b, a);
    }

    public boolean includes(AccountId account) {
        return low.equals(account) || high.equals(account);
    }

    public AccountId partnerOf(AccountId account) {
        if (low.equals(account)) {
            return high;
        }
        if (high.equals(account)) {
            return low;
        }
        throw new IllegalArgumentException(account + " is not in this conversation");
    }
}
