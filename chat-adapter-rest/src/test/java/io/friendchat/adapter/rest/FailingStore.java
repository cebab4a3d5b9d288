package io.friendchat.adapter.rest;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.conversation.ConversationPage;
import io.friendchat.domain.conversation.InboxEntry;
import io.friendchat.domain.conversation.PageRequest;
import io.friendchat.domain.conversation.ReadMark;
import io.friendchat.domain.message.Appended;
import io.friendchat.domain.message.ClientId;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageId;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.domain.message.NewMessage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A message store that throws whatever a test puts in {@code failure}, else delegates. */
final class FailingStore implements MessageStore {

    private final MessageStore store;
    private final AtomicReference<RuntimeException> failure;

    FailingStore(MessageStore store, AtomicReference<RuntimeException> failure) {
        this.store = store;
        this.failure = failure;
    }

    private MessageStore store() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
        return store;
    }

    @Override
    public Appended append(NewMessage message) {
        return store().append(message);
    }

    @Override
    public Optional<Message> bySenderAndClientId(AccountId sender, ClientId clientId) {
        return store().bySenderAndClientId(sender, clientId);
    }

    @Override
    public ConversationPage page(Conversation conversation, PageRequest request) {
        return store().page(conversation, request);
    }

    @Override
    public List<InboxEntry> inbox(AccountId owner) {
        return store().inbox(owner);
    }

    @Override
    public List<Message> receivedAfter(AccountId receiver, MessageId after, int limit) {
        return store().receivedAfter(receiver, after, limit);
    }

    @Override
    public long latestReceivedId(AccountId receiver) {
        return store().latestReceivedId(receiver);
    }

    @Override
    public ReadMark markRead(Conversation conversation, AccountId reader, MessageId upTo) {
        return store().markRead(conversation, reader, upTo);
    }

    @Override
    public long readUpTo(Conversation conversation, AccountId author) {
        return store().readUpTo(conversation, author);
    }
}
