package io.friendchat.adapter.persistence;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The few statements that differ between H2 and PostgreSQL: creating a row that
 * may already exist without failing, when two transactions race to create it,
 * drawing from or moving a sequence, refreshing the planner's statistics,
 * naming the index a conversation's pages are read through, and how many batches
 * of sends may be written at once.
 */
enum SqlDialect {

    H2("merge into mailboxes (account_id) key (account_id) values (?)",
            // Locks the row as "for update" would, and counts it when it exists; H2 keeps no
            // "select ... for update" in its statement cache, so that one was parsed on every send.
            "update mailboxes set account_id = account_id where account_id = ?", true,
            "merge into conversations (low_account, high_account) key (low_account, high_account) values (?, ?)",
            "merge into friendships (low_account, high_account) key (low_account, high_account) values (?, ?)",
            "insert into messages (conversation_id, sender_id, receiver_id, body, sent_at, client_id)"
                    + " values (?, ?, ?, ?, ?, ?)",
            "select next value for account_ids",
            // Takes effect at once and is not undone by a rollback, as PostgreSQL's setval.
            "alter sequence account_ids restart with %d",
            "analyze",
            // H2 would pick the foreign key's own index (conversation_id alone) and sort the whole conversation.
            "messages m use index (messages_conversation_ix)",
            // H2's commit is this JVM's own work, serializing the pages a batch changed under its store lock:
            // a batch behind it would only make both smaller, and each commit costs the same whatever its size.
            1),

    POSTGRESQL("insert into mailboxes (account_id) values (?) on conflict do nothing",
            // An update would leave a dead row version behind on every send.
            "select account_id from mailboxes where account_id = ? for update", false,
            "insert into conversations (low_account, high_account) values (?, ?) on conflict do nothing",
            "insert into friendships (low_account, high_account) values (?, ?) on conflict do nothing",
            // Without a unique violation, PostgreSQL keeps the transaction usable after a duplicate client id.
            "insert into messages (conversation_id, sender_id, receiver_id, body, sent_at, client_id)"
                    + " values (?, ?, ?, ?, ?, ?) on conflict (sender_id, client_id) do nothing",
            "select nextval('account_ids')",
            "select setval('account_ids', %d, false)",
            "analyze messages, conversations, mailboxes",
            "messages m",
            // A commit here is mostly waiting for the server to flush its log: the next batch's statements fit in.
            2);

    final String createMailbox;
    /** Locks a receiver's existing mailbox row until the transaction ends; finds nothing when it is missing. */
    final String lockMailbox;
    /** Whether {@link #lockMailbox} is an update (its count says the row was there) rather than a query. */
    final boolean lockMailboxIsUpdate;
    final String createConversation;
    final String createFriendship;
    final String insertMessage;
    final String nextAccountId;
    /** Refreshes the planner's statistics of the chat tables (after a bulk load). */
    final String analyze;
    /** The messages table, as {@code m}, read in (conversation_id, id) order by a page. */
    final String messagesInConversationOrder;
    /** Batches of sends written at once: one committing, and at most this many less one running statements. */
    final int batchesInFlight;
    private final String accountIdsFromTemplate;

    SqlDialect(String createMailbox, String lockMailbox, boolean lockMailboxIsUpdate, String createConversation,
               String createFriendship,
               String insertMessage, String nextAccountId, String accountIdsFromTemplate, String analyze,
               String messagesInConversationOrder, int batchesInFlight) {
        this.createMailbox = createMailbox;
        this.lockMailbox = lockMailbox;
        this.lockMailboxIsUpdate = lockMailboxIsUpdate;
        this.createConversation = createConversation;
        this.createFriendship = createFriendship;
        this.insertMessage = insertMessage;
        this.nextAccountId = nextAccountId;
        this.accountIdsFromTemplate = accountIdsFromTemplate;
        this.analyze = analyze;
        this.messagesInConversationOrder = messagesInConversationOrder;
        this.batchesInFlight = batchesInFlight;
    }

    /** The statement after which the account id sequence draws {@code next} next. */
    String accountIdsFrom(long next) {
        return String.format(Locale.ROOT, accountIdsFromTemplate, next);
    }

    /** The database a connection leads to, as Hibernate wants it named: product, major and minor version. */
    record Product(SqlDialect dialect, String name, int major, int minor) {
    }

    static Product of(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String name = metaData.getDatabaseProductName();
        String lower = name.toLowerCase(Locale.ROOT);
        SqlDialect dialect;
        if (lower.contains("h2")) {
            dialect = H2;
        } else if (lower.contains("postgres")) {
            dialect = POSTGRESQL;
        } else {
            throw new IllegalArgumentException("friendchat stores its data in H2 or PostgreSQL, not in " + name);
        }
        return new Product(dialect, name, metaData.getDatabaseMajorVersion(), metaData.getDatabaseMinorVersion());
    }
}
