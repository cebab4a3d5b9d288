package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.conversation.ConversationPage;
import io.friendchat.domain.conversation.InboxEntry;
import io.friendchat.domain.conversation.PageRequest;
import io.friendchat.domain.conversation.ReadMark;
import io.friendchat.domain.message.AppendOutcome;
import io.friendchat.domain.message.Appended;
import io.friendchat.domain.message.ClientId;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageId;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.domain.message.NewMessage;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final String INBOX = inboxHalf("high", "low") + " union all " + inboxHalf("low", "high")
            + " order by 3 desc";

    private final SessionScope scope;
    private final RowReads reads;
    private final SqlDialect dialect;
    private final GroupCommit groupCommit;

    StoredMessages(SessionScope scope, RowReads reads, SqlDialect dialect, GroupCommit groupCommit) {
        this.scope = scope;
        this.reads = reads;
        this.dialect = dialect;
        this.groupCommit = groupCommit;
    }

    /**
     * The conversations in which the owner is the {@code owner} account ("low" or "high"): the
     * partner, the owner's unread count, then the latest message (its id is the third column).
     */
    private static String inboxHalf(String partner, String owner) {
        return "select c." + partner + "_account, c." + owner + "_unread, " + MessageRows.COLUMNS
                + " from conversations c join messages m on m.id = c.last_message_id where c." + owner + "_account = ?";
    }

    /** The send is committed together with those that arrive at the same time (group commit). */
    @Override
    public Appended append(NewMessage message) {
        return appendAll(List.of(message)).get(0).appendedOrThrow();
    }

    /** Queued for the group commit one after another, so a batch inserts them in this order. */
    @Override
    public List<AppendOutcome> appendAll(List<NewMessage> messages) {
        AppendOutcome[] outcomes = new AppendOutcome[messages.size()];
        List<NewMessage> drafts = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            NewMessage message = messages.get(i);
            try {
                // A send to oneself fails here, on its caller's thread, before it can reach a batch.
                message.conversation();
            } catch (RuntimeException e) {
                outcomes[i] = AppendOutcome.failed(e);
                continue;
            }
            // Both databases keep microseconds: the returned time is the one a later read gives.
            drafts.add(new NewMessage(message.sender(), message.receiver(), message.text(),
                    message.sentAt().truncatedTo(ChronoUnit.MICROS), message.clientId()));
        }
        List<AppendOutcome> stored = drafts.isEmpty() ? List.of() : groupCommit.appendAll(drafts);
        int next = 0;
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = stored.get(next++);
            }
        }
        return Arrays.asList(outcomes);
    }

    @Override
    public Optional<Message> bySenderAndClientId(AccountId sender, ClientId clientId) {
        return scope.call(session -> byClientId(session, sender, clientId));
    }

    /**
     * Two plain selects. The page lists both index columns in its order by: H2 reads the
     * (conversation_id, id) index backwards and stops after the page only then; with
     * "order by id desc" alone it read and sorted the whole conversation on every call
     * (297,001 rows scanned for the latest 51 of a 300,000-message conversation).
     */
    @Override
    public ConversationPage page(Conversation conversation, PageRequest request) {
        Optional<Long> conversationId = reads.read("""
                        select id from conversations
                        where low_account = ? and high_account = ? and last_message_id is not null""", select -> {
                    select.setLong(1, conversation.low().value());
                    select.setLong(2, conversation.high().value());
                }, rows -> rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty());
        if (conversationId.isEmpty()) {
            return ConversationPage.none();
        }
        String before = request.beforeId().isPresent() ? " and m.id < ?" : "";
        List<Message> newestFirst = reads.read("select " + MessageRows.COLUMNS + " from " + dialect.messagesInConversationOrder
                + " where m.conversation_id = ?" + before
                + " order by m.conversation_id desc, m.id desc fetch first ? rows only", select -> {
                    int parameter = 1;
                    select.setLong(parameter++, conversationId.get());
                    if (request.beforeId().isPresent()) {
                        select.setLong(parameter++, request.beforeId().get().value());
                    }
                    select.setInt(parameter, request.limit() + 1);
                }, rows -> {
                    List<Message> found = new ArrayList<>(request.limit() + 1);
                    while (rows.next()) {
                        found.add(MessageRows.message(rows, 1));
                    }
                    return found;
                });
        boolean hasMore = newestFirst.size() > request.limit();
        List<Message> page = new ArrayList<>(Math.min(newestFirst.size(), request.limit()));
        for (int i = Math.min(newestFirst.size(), request.limit()) - 1; i >= 0; i--) {
            page.add(newestFirst.get(i));
        }
        return new ConversationPage(page, hasMore, false);
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
                entries.add(new InboxEntry(AccountId.of(rows.getLong(1)), MessageRows.message(rows, 3), rows.getLong(2)));
            }
            return Collections.unmodifiableList(entries);
        });
    }

    @Override
    public List<Message> receivedAfter(AccountId receiver, MessageId after, int limit) {
        return scope.call(session -> session.createSelectionQuery(
                        // Both index columns in the order by: with "order by m.id" alone H2 read and sorted every
                        // message the account received after the mark, however few were asked for.
                        "from Message m where m.receiverId = :receiver and m.id > :after order by m.receiverId, m.id",
                        MessageEntity.class)
                .setParameter("receiver", receiver.value())
                .setParameter("after", after == null ? 0L : after.value())
                .setMaxResults(limit)
                .getResultList().stream().map(MessageEntity::toDomain).toList());
    }

    @Override
    public long latestReceivedId(AccountId receiver) {
        return scope.call(session -> session.createSelectionQuery(
                        // Both index columns, descending: the last entry of messages_receiver_ix, not a scan.
                        "select m.id from Message m where m.receiverId = :receiver"
                                + " order by m.receiverId desc, m.id desc",
                        Long.class)
                .setParameter("receiver", receiver.value())
                .setMaxResults(1)
                .uniqueResultOptional()
                .orElse(0L));
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
