package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.message.MessageText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.function.IntFunction;

/**
 * Loads many messages into one conversation with JDBC batches, for benchmarks.
 * Ids come from the same IDENTITY column as every send, drawn under the
 * receiver's mailbox lock, and the conversation row is kept right.
 */
public final class BulkLoader {

    /** Messages per transaction: each commits on its own, so a long load never holds a lock for long. */
    public static final int PER_TRANSACTION = 10_000;
    private static final int PER_BATCH = 1_000;
    private static final String INSERT = "insert into messages (conversation_id, sender_id, receiver_id, body, sent_at)"
            + " values (?, ?, ?, ?, ?)";

    private final SessionScope scope;
    private final SendStatements sends;

    BulkLoader(SessionScope scope, SendStatements sends) {
        this.scope = scope;
        this.sends = sends;
    }

    /**
     * Refreshes the database's statistics of the chat tables. Call it once the load is done:
     * right after a million rows arrive at once, H2's planner still goes by the old counts and
     * a conversation's latest page sorted the whole conversation (about 2 s a page) on each
     * pooled connection's first read; a server that grows message by message keeps them fresh.
     */
    public void refreshStatistics() {
        scope.call(session -> {
            session.doWork(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sends.dialect().analyze);
                }
            });
            return null;
        });
    }

    /**
     * Stores {@code count} messages from sender to receiver, the i-th (from 0) with
     * {@code text.apply(i)}, all sent at {@code sentAt}; returns the id of the last one (0 when none).
     */
    public long insertMessages(AccountId sender, AccountId receiver, int count, IntFunction<String> text,
                               Instant sentAt) {
        Conversation conversation = Conversation.between(sender, receiver);
        OffsetDateTime time = SendStatements.timestamp(sentAt.truncatedTo(ChronoUnit.MICROS));
        long lastId = 0;
        for (int from = 0; from < count; from += PER_TRANSACTION) {
            int first = from;
            int size = Math.min(PER_TRANSACTION, count - from);
            lastId = scope.call(session -> session.doReturningWork(connection ->
                    insertChunk(connection, conversation, sender, receiver, first, size, text, time)));
        }
        return lastId;
    }

    private long insertChunk(Connection connection, Conversation conversation, AccountId sender, AccountId receiver,
                             int first, int size, IntFunction<String> text, OffsetDateTime time) throws SQLException {
        sends.lockMailbox(connection, receiver.value());
        long conversationId = sends.conversationId(connection, conversation);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < size; i++) {
                insert.setLong(1, conversationId);
                insert.setLong(2, sender.value());
                insert.setLong(3, receiver.value());
                insert.setString(4, new MessageText(text.apply(first + i)).value());
                insert.setObject(5, time);
                insert.addBatch();
                if ((i + 1) % PER_BATCH == 0 || i == size - 1) {
                    insert.executeBatch();
                }
            }
        }
        // The receiver's mailbox is locked: the highest id it received is the last of this chunk.
        long lastId;
        try (PreparedStatement highest = connection.prepareStatement(
                "select max(id) from messages where receiver_id = ?")) {
            highest.setLong(1, receiver.value());
            try (ResultSet row = highest.executeQuery()) {
                row.next();
                lastId = row.getLong(1);
            }
        }
        sends.moveConversation(connection, conversationId, conversation.low().equals(receiver), lastId, size);
        return lastId;
    }
}
