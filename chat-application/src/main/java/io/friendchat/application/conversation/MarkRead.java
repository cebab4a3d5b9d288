package io.friendchat.application.conversation;

import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountHandle;
import io.friendchat.domain.account.AccountNotFound;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.conversation.ReadMark;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.live.Notifier;
import io.friendchat.domain.live.ReadEvent;
import io.friendchat.domain.message.MessageId;
import io.friendchat.domain.message.MessageStore;

import java.util.Objects;

/** The caller has read their conversation with a friend up to a message; the friend hears when the mark moves. */
public final class MarkRead {

    private final Accounts accounts;
    private final Friendships friendships;
    private final MessageStore messages;
    private final Notifier notifier;

    public MarkRead(Accounts accounts, Friendships friendships, MessageStore messages, Notifier notifier) {
        this.accounts = Objects.requireNonNull(accounts);
        this.friendships = Objects.requireNonNull(friendships);
        this.messages = Objects.requireNonNull(messages);
        this.notifier = Objects.requireNonNull(notifier);
    }

    /** The mark as it now stands and the friend's messages still unread. */
    public ReadMark mark(Account caller, String account, long upTo) {
        AccountHandle handle = AccountHandle.of(account);
        if (upTo < 1) {
            throw new InvalidInput("'up_to' must be a message id (an integer of at least 1).");
        }
        Account friend = accounts.find(handle).orElseThrow(() -> new AccountNotFound(handle.value()));
        Conversation conversation = Conversation.between(caller.id(), friend.id());
        friendships.requireFriends(caller.id(), friend.id());
        ReadMark mark = messages.markRead(conversation, caller.id(), MessageId.of(upTo));
        if (mark.moved()) {
            try {
                notifier.deliver(friend.id(), new ReadEvent(caller.username().value(), mark.upTo()));
            } catch (RuntimeException e) {
                // The mark is stored; the friend sees it on their next read.
            }
        }
        return mark;
    }
}
