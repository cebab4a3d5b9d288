package io.friendchat.adapter.persistence;

import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.NewMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The statements of a send: lock the receiver's mailbox, find the sender's client id,
 * find or create the conversation, draw the id by inserting, then move the conversation's
 * latest pointer and the receiver's unread count. {@link OrderedSends} runs them in an order
 * that keeps the ids one account receives rising in commit order.
 */
final class SendStatements {

    private static final String UNIQUE_VIOLATION = "23505";

    private final SqlDialect dialect;
    private final ConversationIds conversationIds = new ConversationIds();

    SendStatements(SqlDialect dialect) {
        this.dialect = dialect;
    }

    SqlDialect dialect() {
        return dialect;
    }

    /** The conversation ids remembered so far. */
    ConversationIds conversationIds() {
        return conversationIds;
    }

    /**
     * Locks the receiver's mailbox row until the transaction ends, creating it first when it
     * is missing: one statement for a mailbox that exists, which is every send but the first.
     */
    void lockMailbox(Connection connection, long receiver) throws SQLException {
        if (lockExistingMailbox(connection, receiver)) {
            return;
        }
        // Two first sends to one receiver may both get here: the later one waits for the row the other creates.
        try (PreparedStatement create = connection.prepareStatement(dialect.createMailbox)) {
            create.setLong(1, receiver);
            create.executeUpdate();
        }
        if (!lockExistingMailbox(connection, receiver)) {
            throw new SQLException("the mailbox row was created but cannot be locked");
        }
    }

    private boolean lockExistingMailbox(Connection connection, long receiver) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(dialect.lockMailbox)) {
            lock.setLong(1, receiver);
            if (dialect.lockMailboxIsUpdate) {
                return lock.executeUpdate() == 1;
            }
            try (ResultSet row = lock.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * The conversation's id, creating its row when the pair has none (two first sends may race
     * here). Called once per conversation and transaction, so a row it finds before creating
     * one was committed by another transaction (both databases read committed rows only, and
     * one's own): that id is remembered.
     */
    long conversationId(Connection connection, Conversation conversation) throws SQLException {
        OptionalLong remembered = conversationIds.of(conversation);
        if (remembered.isPresent()) {
            return remembered.getAsLong();
        }
        OptionalLong existing = findConversation(connection, conversation);
        if (existing.isPresent()) {
            conversationIds.rememberCommitted(conversation, existing.getAsLong());
            return existing.getAsLong();
        }
        try (PreparedStatement create = connection.prepareStatement(dialect.createConversation)) {
            create.setLong(1, conversation.low().value());
            create.setLong(2, conversation.high().value());
            create.executeUpdate();
        }
        return findConversation(connection, conversation)
                .orElseThrow(() -> new SQLException("the conversation row was created but cannot be read"));
    }

    /**
     * Moves the latest pointer with {@code greatest}, never overwriting it: two friends
     * sending to each other lock different mailboxes and may commit in either order.
     * A message at or below the receiver's read mark is not unread.
     */
    void moveConversation(Connection connection, long conversationId, boolean receiverIsLow, long lastId, long added)
            throws SQLException {
        String side = receiverIsLow ? "low" : "high";
        String sql = "update conversations set last_message_id = greatest(coalesce(last_message_id, 0), cast(? as bigint)), "
                + side + "_unread = " + side + "_unread + case when cast(? as bigint) > " + side
                + "_read_mark then cast(? as bigint) else 0 end where id = ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setLong(1, lastId);
            update.setLong(2, lastId);
            update.setLong(3, added);
            update.setLong(4, conversationId);
            update.executeUpdate();
        }
    }

    static boolean receiverIsLow(Conversation conversation, NewMessage message) {
        return conversation.low().equals(message.receiver());
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The message the sender already stored under this client id, if any. */
    Optional<Message> storedByClientId(Connection connection, long sender, String clientId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + MessageRows.COLUMNS + " from messages m where m.sender_id = ? and m.client_id = ?")) {
            select.setLong(1, sender);
            select.setString(2, clientId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(MessageRows.message(row, 1));
            }
        }
    }

    /** Draws the new message's id by inserting it; empty when the sender's client id was taken meanwhile. */
    OptionalLong insert(Connection connection, long conversationId, NewMessage message, Instant sentAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(dialect.insertMessage, new String[] {"id"})) {
            insert.setLong(1, conversationId);
            insert.setLong(2, message.sender().value());
            insert.setLong(3, message.receiver().value());
            insert.setString(4, message.text().value());
            insert.setObject(5, timestamp(sentAt));
            if (message.clientId() == null) {
                insert.setNull(6, Types.VARCHAR);
            } else {
                insert.setString(6, message.clientId().value());
            }
            if (insert.executeUpdate() == 0) {
                return OptionalLong.empty();
            }
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database drew no id for the new message");
                }
                return OptionalLong.of(keys.getLong(1));
            }
        } catch (SQLException e) {
            // H2: the same client id sent to another receiver at the same moment (another mailbox lock).
            // H2 rolls back only the statement, so the transaction goes on.
            if (message.clientId() != null && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    private static OptionalLong findConversation(Connection connection, Conversation conversation)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select id from conversations where low_account = ? and high_account = ?")) {
            select.setLong(1, conversation.low().value());
            select.setLong(2, conversation.high().value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
