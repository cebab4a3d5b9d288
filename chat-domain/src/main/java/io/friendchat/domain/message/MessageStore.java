package io.friendchat.domain.message;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.conversation.ConversationPage;
import io.friendchat.domain.conversation.InboxEntry;
import io.friendchat.domain.conversation.PageRequest;
import io.friendchat.domain.conversation.ReadMark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where messages and conversations are kept. */
public interface MessageStore {

    /**
     * Stores the message and moves its conversation's latest pointer, atomically and durably:
     * what returns is committed (there is no unit of work around a send).
     * Ids one receiver gets rise in commit order. When the sender already stored a
     * message under the same client id, nothing is stored and that message is returned.
     */
    Appended append(NewMessage message);

    /**
     * Stores each message as {@link #append} would, in the order given: among them, the ids one
     * receiver gets rise in list order. One failing does not keep the others from being stored.
     * A store may commit them together, and they may share that commit with other callers'
     * sends; what returns is committed. One outcome per message, in the same order; a failure is
     * returned, never thrown. This default appends them one after another.
     */
    default List<AppendOutcome> appendAll(List<NewMessage> messages) {
        List<AppendOutcome> outcomes = new ArrayList<>(messages.size());
        for (NewMessage message : messages) {
            try {
                outcomes.add(new AppendOutcome(append(message), null));
            } catch (RuntimeException e) {
                outcomes.add(AppendOutcome.failed(e));
            }
        }
        return outcomes;
    }

    Optional<Message> bySenderAndClientId(AccountId sender, ClientId clientId);

    /** A page of the conversation, oldest first, ordered by id. */
    ConversationPage page(Conversation conversation, PageRequest request);

    /**
     * Each conversation of the owner with its latest message and the owner's unread
     * count, the highest latest id first; one query whatever the number of partners.
     */
    List<InboxEntry> inbox(AccountId owner);

    /**
     * Messages the account received with an id above {@code after} (all of them when
     * {@code after} is null), oldest first, at most {@code limit}.
     */
    List<Message> receivedAfter(AccountId receiver, MessageId after, int limit);

    /** The highest id among the messages the account received, or 0 when it received none. */
    long latestReceivedId(AccountId receiver);

    /**
     * Moves the reader's read mark in the conversation forward to {@code upTo}
     * (an id past the latest message counts as the latest). Marks never move back.
     */
    ReadMark markRead(Conversation conversation, AccountId reader, MessageId upTo);

    /** The highest id of the author's messages in the conversation that the other account has read, or 0. */
    long readUpTo(Conversation conversation, AccountId author);
}
