package io.friendchat.application.message;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A message store whose appends go through a hook (to log, fail or hold them); the rest is the store's. */
class StoreWithAppendHook implements MessageStore {

    private final MessageStore store;
    private final BiFunction<NewMessage, Function<NewMessage, Appended>, Appended> hook;

    StoreWithAppendHook(MessageStore store, BiFunction<NewMessage, Function<NewMessage, Appended>, Appended> hook) {
        this.store = store;
        this.hook = hook;
    }

    /** For a hook that holds an append: waits for the test to release it (at most 10 s). */
    static void holdUntil(CountDownLatch release) {
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Appended append(NewMessage message) {
        return hook.apply(message, store::append);
    }

    @Override
    public Optional<Message> bySenderAndClientId(AccountId sender, ClientId clientId) {
        return store.bySenderAndClientId(sender, clientId);
    }

    @Override
    public ConversationPage page(Conversation conversation, PageRequest request) {
        return store.page(conversation, request);
    }

    @Override
    public List<InboxEntry> inbox(AccountId owner) {
        return store.inbox(owner);
    }

    @Override
    public List<Message> receivedAfter(AccountId receiver, MessageId after, int limit) {
        return store.receivedAfter(receiver, after, limit);
    }

    @Override
    public long latestReceivedId(AccountId receiver) {
        return store.latestReceivedId(receiver);
    }

    @Override
    public ReadMark markRead(Conversation conversation, AccountId reader, MessageId upTo) {
        return store.markRead(conversation, reader, upTo);
    }

    @Override
    public long readUpTo(Conversation conversation, AccountId author) {
        return store.readUpTo(conversation, author);
    }
}
