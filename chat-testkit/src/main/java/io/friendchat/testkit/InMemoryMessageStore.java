package io.friendchat.testkit;

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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Messages in memory, with the same ordering and paging rules as the real stores. */
public final class InMemoryMessageStore implements MessageStore {

    private final List<Message> messages = new ArrayList<>();
    private final Map<Conversation, Message> latest = new HashMap<>();
    private final Map<String, Message> byClientId = new HashMap<>();
    private final Map<String, Long> readMarks = new HashMap<>();
    private long lastId;

    @Override
    public synchronized Appended append(NewMessage draft) {
        if (draft.clientId() != null) {
            Message earlier = byClientId.get(clientKey(draft.sender(), draft.clientId()));
            if (earlier != null) {
                return new Appended(earlier, false);
            }
        }
        Message message = draft.withId(MessageId.of(++lastId));
        messages.add(message);
        latest.put(message.conversation(), message);
        if (message.clientId() != null) {
            byClientId.put(clientKey(message.sender(), message.clientId()), message);
        }
        return new Appended(message, true);
    }

    @Override
    public synchronized Optional<Message> bySenderAndClientId(AccountId sender, ClientId clientId) {
        return Optional.ofNullable(byClientId.get(clientKey(sender, clientId)));
    }

    @Override
    public synchronized ConversationPage page(Conversation conversation, PageRequest request) {
        if (!latest.containsKey(conversation)) {
            return ConversationPage.none();
        }
        List<Message> older = messages.stream()
                .filter(m -> m.conversation().equals(conversation))
                .filter(m -> request.beforeId().map(before -> m.id().compareTo(before) < 0).orElse(true))
                .toList();
        int from = Math.max(0, older.size() - request.limit());
        return new ConversationPage(older.subList(from, older.size()), from > 0, false);
    }

    @Override
    public synchronized List<InboxEntry> inbox(AccountId owner) {
        return latest.entrySet().stream()
                .filter(entry -> entry.getKey().includes(owner))
                .map(entry -> new InboxEntry(entry.getKey().partnerOf(owner), entry.getValue(),
                        unread(entry.getKey(), owner)))
                .sorted(Comparator.comparing((InboxEntry entry) -> entry.latest().id()).reversed())
                .toList();
    }

    @Override
    public synchronized List<Message> receivedAfter(AccountId receiver, MessageId after, int limit) {
        return messages.stream()
                .filter(m -> m.receiver().equals(receiver))
                .filter(m -> after == null || m.id().compareTo(after) > 0)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized long latestReceivedId(AccountId receiver) {
        return messages.stream()
                .filter(m -> m.receiver().equals(receiver))
                .mapToLong(m -> m.id().value())
                .max()
                .orElse(0);
    }

    @Override
    public synchronized ReadMark markRead(Conversation conversation, AccountId reader, MessageId upTo) {
        long before = mark(conversation, reader);
        Message last = latest.get(conversation);
        long capped = Math.min(upTo.value(), last == null ? 0 : last.id().value());
        long now = Math.max(before, capped);
        readMarks.put(markKey(conversation, reader), now);
        return new ReadMark(now, now > before, unread(conversation, reader));
    }

    @Override
    public synchronized long readUpTo(Conversation conversation, AccountId author) {
        long mark = mark(conversation, conversation.partnerOf(author));
        return messages.stream()
                .filter(m -> m.conversation().equals(conversation) && m.sender().equals(author))
                .mapToLong(m -> m.id().value())
                .filter(id -> id <= mark)
                .max().orElse(0);
    }

    private long unread(Conversation conversation, AccountId reader) {
        long mark = mark(conversation, reader);
        AccountId partner = conversation.partnerOf(reader);
        return messages.stream()
                .filter(m -> m.conversation().equals(conversation) && m.sender().equals(partner))
                .filter(m -> m.id().value() > mark)
                .count();
    }

    private long mark(Conversation conversation, AccountId reader) {
        return readMarks.getOrDefault(markKey(conversation, reader), 0L);
    }

    private static String markKey(Conversation conversation, AccountId reader) {
        return conversation.low() + ":" + conversation.high() + ":" + reader;
    }

    /** Every stored message, in id order. */
    public synchronized List<Message> all() {
        return List.copyOf(messages);
    }

    private static String clientKey(AccountId sender, ClientId clientId) {
        return sender.value() + "\u0000" + clientId.value();
    }
}
