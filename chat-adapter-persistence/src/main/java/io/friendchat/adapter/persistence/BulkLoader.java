package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.directory.AccountDraft;
import io.friendchat.domain.message.MessageText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Loads many messages into one conversation, or many accounts, with JDBC batches, for
 * benchmarks. Message ids come from the same IDENTITY column as every send, drawn under
 * the receiver's mailbox lock, and the conversation row is kept right; account ids come
 * from the directory's own sequence.
 */
public final class BulkLoader {

    /** Messages per transaction: each commits on its own, so a long load never holds a lock for long. */
    public static final int PER_TRANSACTION = 10_000;
    private static final int PER_BATCH = 1_000;
    private static final String INSERT_ACCOUNT = "insert into accounts"
            + " (id, username, email, email_key, full_name, picture, two_factor) values (?, ?, ?, ?, ?, ?, ?)";
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

    /**
     * Creates an account for each draft, {@link #PER_TRANSACTION} to a transaction, and returns their ids in the
     * drafts' order. The ids are drawn from the sequence the directory draws from, so accounts it creates later go on
     * above them; the drafts carry no id, and their usernames and e-mails must be new (a taken one fails its
     * transaction's batch, as the table's unique keys say).
     */
    public List<Long> insertAccounts(List<AccountDraft> drafts) {
        List<Long> ids = new ArrayList<>(drafts.size());
        for (int from = 0; from < drafts.size(); from += PER_TRANSACTION) {
            List<AccountDraft> chunk = drafts.subList(from, Math.min(drafts.size(), from + PER_TRANSACTION));
            ids.addAll(scope.call(session -> session.doReturningWork(connection -> insertAccounts(connection, chunk))));
        }
        return ids;
    }

    private List<Long> insertAccounts(Connection connection, List<AccountDraft> drafts) throws SQLException {
        List<Long> ids = new ArrayList<>(drafts.size());
        try (PreparedStatement draw = connection.prepareStatement(sends.dialect().nextAccountId);
             PreparedStatement insert = connection.prepareStatement(INSERT_ACCOUNT)) {
            for (int i = 0; i < drafts.size(); i++) {
                AccountDraft draft = drafts.get(i);
                if (draft.id() != null) {
                    throw new IllegalArgumentException("bulk-loaded accounts take their ids from the sequence");
                }
                long id;
                try (ResultSet row = draw.executeQuery()) {
                    row.next();
                    id = row.getLong(1);
                }
                ids.add(id);
                insert.setLong(1, id);
                insert.setString(2, draft.username());
                insert.setString(3, draft.email());
                insert.setString(4, Account.emailKey(draft.email()));
                insert.setString(5, draft.fullName());
                insert.setString(6, draft.picture());
                insert.setBoolean(7, draft.twoFactor());
                insert.addBatch();
                if ((i + 1) % PER_BATCH == 0 || i == drafts.size() - 1) {
                    insert.executeBatch();
                }
            }
        }
        return ids;
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
