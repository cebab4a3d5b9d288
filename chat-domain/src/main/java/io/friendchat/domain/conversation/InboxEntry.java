package io.friendchat.domain.conversation;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.message.Message;

import java.util.Objects;

/** One conversation of an inbox: the partner, the latest message, and how many of the partner's are unread. */
public record InboxEntry(AccountId partner, Message latest, long unread) {

    public InboxEntry {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(latest, "latest");
        if (unread < 0) {
            throw new IllegalArgumentException("unread is never negative");
        }
    }
}
