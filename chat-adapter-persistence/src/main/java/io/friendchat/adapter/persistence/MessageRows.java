package io.friendchat.adapter.persistence;

import io.friendchat.domain.message.Message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** A message row read in plain JDBC: the columns to select and the message they make. */
final class MessageRows {

    /** A row of {@code messages m}, in the order {@link #message} reads them. */
    static final String COLUMNS = "m.id, m.sender_id, m.receiver_id, m.body, m.sent_at, m.client_id";

    private MessageRows() {
    }

    /** The message whose {@link #COLUMNS} start at column {@code first}. */
    static Message message(ResultSet rows, int first) throws SQLException {
        return Message.restore(rows.getLong(first), rows.getLong(first + 1), rows.getLong(first + 2),
                rows.getString(first + 3), rows.getObject(first + 4, OffsetDateTime.class).toInstant(),
                rows.getString(first + 5));
    }
}
