package io.friendchat.adapter.persistence;

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
import jakarta.persistence.LockModeType;
import org.hibernate.Session;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Messages and conversations in the chat database. */
final class StoredMessages implements MessageStore {

    /**
     * The owner's conversations as their lower account, then as their higher one: each half
     * one index lookup ({@code conversations_pair_uk}, {@code conversations_high_ix}). H2 reads
     * "low_account = ? or high_account = ?" as "? in (low_account, high_account)" and scans every
     * conversation for it. Plain SQL: HQL would put this order by inside the second half.
     */
    private static final String INBOX = """
            select c.high_account as partner, c.low_unread as unread, m.id as latest_id,
                   m.sender_id, m.receiver_id, m.body, m.sent_at, m.client_id
            from conversations c join messages m on m.id = c.last_message_id
            where c.low_account = ?
            union all
            select c.low_account, c.high_unread, m.id, m.sender_id, m.receiver_id, m.body, m.sent_at, m.client_id
            from conversations c join messages m on m.id = c.last_message_id
            where c.high_account = ?
            order by latest_id desc""";

    private final SessionScope scope;
    private final RowReads reads;
    private final GroupCommit groupCommit;

    StoredMessages(SessionScope scope, RowReads reads, GroupCommit groupCommit) {
        this.scope = scope;
        this.reads = reads;
        this.groupCommit = groupCommit;
    }

    /** The send is committed together with those that arrive at the same time (group commit). */
    @Override
    public Appended append(NewMessage message) {
        // Both databases keep microseconds: the returned time is the one a later read gives.
        NewMessage draft = new NewMessage(message.sender(), message.receiver(), message.text(),
                message.sentAt().truncatedTo(ChronoUnit.MICROS), message.clientId());
        // A send to oneself fails here, on its caller's thread, before it can reach a batch.
        draft.conversation();
        return groupCommit.append(draft);
    }

    @Override
    public Optional<Message> bySenderAndClientId(AccountId sender, ClientId clientId) {
        return scope.call(session -> byClientId(session, sender, clientId));
    }

    @Override
    public ConversationPage page(Conversation conversation, PageRequest request) {
        return scope.call(session -> {
            Optional<Long> conversationId = session.createSelectionQuery("""
                            select c.id from Conversation c
                            where c.lowAccount = :low and c.highAccount = :high and c.lastMessageId is not null""",
                            Long.class)
                    .setParameter("low", conversation.low().value())
                    .setParameter("high", conversation.high().value())
                    .uniqueResultOptional();
            if (conversationId.isEmpty()) {
                return ConversationPage.none();
            }
            String before = request.beforeId().isPresent() ? " and m.id < :before" : "";
            var query = session.createSelectionQuery(
                            "from Message m where m.conversationId = :conversation" + before + " order by m.id desc",
                            MessageEntity.class)
                    .setParameter("conversation", conversationId.get())
                    .setMaxResults(request.limit() + 1);
            request.beforeId().ifPresent(id -> query.setParameter("before", id.value()));
            List<MessageEntity> newestFirst = query.getResultList();
            boolean hasMore = newestFirst.size() > request.limit();
            List<Message> page = new ArrayList<>(Math.min(newestFirst.size(), request.limit()));
            for (int i = Math.min(newestFirst.size(), request.limit()) - 1; i >= 0; i--) {
                page.add(newestFirst.get(i).toDomain());
            }
            return new ConversationPage(page, hasMore, false);
        });
    }

    @Override
    public List<InboxEntry> inbox(AccountId owner) {
        long ownerId = owner.value();
        return reads.read(INBOX, select -> {
            select.setLong(1, ownerId);
            select.setLong(2, ownerId);
        }, rows -> {
            List<InboxEntry> entries = new ArrayList<>();
            while (rows.next()) {
                Message latest = Message.restore(rows.getLong(3), rows.getLong(4), rows.getLong(5),
                        rows.getString(6), rows.getObject(7, OffsetDateTime.class).toInstant(), rows.getString(8));
                entries.add(new InboxEntry(AccountId.of(rows.getLong(1)), latest, rows.getLong(2)));
            }
            return Collections.unmodifiableList(entries);
        });
    }

    @Override
    public List<Message> receivedAfter(AccountId receiver, MessageId after, int limit) {
        return scope.call(session -> session.createSelectionQuery(
                        "from Message m where m.receiverId = :receiver and m.id > :after order by m.id",
                        MessageEntity.class)
                .setParameter("receiver", receiver.value())
                .setParameter("after", after == null ? 0L : after.value())
                .setMaxResults(limit)
                .getResultList().stream().map(MessageEntity::toDomain).toList());
    }

    @Override
    public ReadMark markRead(Conversation conversation, AccountId reader, MessageId upTo) {
        long readerId = reader.value();
        long partner = conversation.partnerOf(reader).value();
        return scope.call(session -> {
            Optional<ConversationEntity> locked = session.createSelectionQuery(
                            "from Conversation c where c.lowAccount = :low and c.highAccount = :high",
                            ConversationEntity.class)
                    .setParameter("low", conversation.low().value())
                    .setParameter("high", conversation.high().value())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .uniqueResultOptional();
            if (locked.isEmpty()) {
                return new ReadMark(0, false, 0);
            }
            ConversationEntity row = locked.get();
            long before = row.readMarkOf(readerId);
            long mark = Math.max(before, Math.min(upTo.value(), row.lastMessageIdOrZero()));
            long unread = session.createSelectionQuery("""
                            select count(m) from Message m
                            where m.conversationId = :conversation and m.senderId = :partner and m.id > :mark""",
                            Long.class)
                    .setParameter("conversation", row.id)
                    .setParameter("partner", partner)
                    .setParameter("mark", mark)
                    .getSingleResult();
            row.markRead(readerId, mark, unread);
            session.flush();
            // Sends update this row with plain SQL: never keep a copy of it in the session.
            session.detach(row);
            return new ReadMark(mark, mark > before, unread);
        });
    }

    @Override
    public long readUpTo(Conversation conversation, AccountId author) {
        long authorId = author.value();
        return scope.call(session -> {
            Optional<ConversationEntity> found = session.createSelectionQuery(
                            "from Conversation c where c.lowAccount = :low and c.highAccount = :high",
                            ConversationEntity.class)
                    .setParameter("low", conversation.low().value())
                    .setParameter("high", conversation.high().value())
                    .uniqueResultOptional();
            if (found.isEmpty()) {
                return 0L;
            }
            ConversationEntity row = found.get();
            session.detach(row);
            long otherMark = row.readMarkOf(conversation.partnerOf(author).value());
            if (otherMark == 0) {
                return 0L;
            }
            Long highest = session.createSelectionQuery("""
                            select max(m.id) from Message m
                            where m.conversationId = :conversation and m.senderId = :author and m.id <= :mark""",
                            Long.class)
                    .setParameter("conversation", row.id)
                    .setParameter("author", authorId)
                    .setParameter("mark", otherMark)
                    .getSingleResult();
            return highest == null ? 0L : highest;
        });
    }

    private static Optional<Message> byClientId(Session session, AccountId sender, ClientId clientId) {
        return session.createSelectionQuery(
                        "from Message m where m.senderId = :sender and m.clientId = :clientId", MessageEntity.class)
                .setParameter("sender", sender.value())
                .setParameter("clientId", clientId.value())
                .uniqueResultOptional()
                .map(MessageEntity::toDomain);
    }
}
