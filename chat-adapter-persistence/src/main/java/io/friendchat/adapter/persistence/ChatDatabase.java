package io.friendchat.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.directory.Directory;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.domain.store.StoreHealth;
import io.friendchat.domain.store.StoreUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The chat database: a migrated schema on H2 or PostgreSQL and the stores of every
 * persistent port over it (messages, the built-in directory, health).
 */
public final class ChatDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatDatabase.class);

    private final HikariDataSource ownPool;
    private final DataSource dataSource;
    private final HibernateStart hibernate;
    private final String readyLine;
    private final AtomicBoolean readyLogged = new AtomicBoolean();
    private final SqlDialect dialect;
    private final SessionScope scope;
    private final StoredAccounts accounts;
    private final StoredFriendships friendships;
    private final StoredDirectory directory;
    private final GroupCommit groupCommit;
    private final ConversationIds conversationIds;
    private final StoredMessages messages;
    private final DatabaseHealth health;

    private ChatDatabase(HikariDataSource ownPool, DataSource dataSource, HibernateStart hibernate,
                         SqlDialect dialect, String readyLine) {
        this.ownPool = ownPool;
        this.dataSource = dataSource;
        this.hibernate = hibernate;
        this.readyLine = readyLine;
        this.dialect = dialect;
        this.scope = new SessionScope(hibernate);
        RowReads reads = new RowReads(dataSource);
        this.accounts = new StoredAccounts(reads);
        this.friendships = new StoredFriendships(reads);
        this.directory = new StoredDirectory(scope, dialect);
        SendStatements sendStatements = new SendStatements(dialect);
        this.conversationIds = sendStatements.conversationIds();
        this.groupCommit = new GroupCommit(new BatchWriter(dataSource, new OrderedSends(sendStatements)),
                dialect.batchesInFlight);
        this.messages = new StoredMessages(scope, reads, dialect, groupCommit);
        this.health = new DatabaseHealth(dataSource);
    }

    /**
     * Opens a pool on the settings, migrates the schema and starts Hibernate.
     * Throws {@link StoreUnavailable} with a one-line message when the database cannot be reached.
     */
    public static ChatDatabase open(DatabaseSettings settings) {
        return open(settings, null);
    }

    /**
     * As {@link #open(DatabaseSettings)}, and the pool reports to HikariCP's metrics {@code trackers}
     * (for instance its {@code MicrometerMetricsTrackerFactory}); null for none.
     */
    public static ChatDatabase open(DatabaseSettings settings, MetricsTrackerFactory trackers) {
        return readyOrClosed(openMigrated(settings, trackers));
    }

    /**
     * As {@link #open(DatabaseSettings, MetricsTrackerFactory)}, but returns as soon as the schema
     * is migrated, while Hibernate's bootstrap may go on in the background: a server builds its
     * HTTP stack meanwhile (the two are the longest steps of its start, and neither needs the
     * other), then calls {@link #awaitReady()} before it listens. A store used before then
     * waits for the bootstrap.
     */
    public static ChatDatabase openMigrated(DatabaseSettings settings, MetricsTrackerFactory trackers) {
        HikariDataSource pool;
        try {
            pool = ConnectionPool.open(settings, trackers);
        } catch (RuntimeException e) {
            throw new StoreUnavailable("Cannot open the database (" + settings.describe() + "): "
                    + StoreFailures.rootMessage(e), e);
        }
        try {
            return start(pool, pool, product(pool), settings.describe());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The stores over a host application's own DataSource (which it keeps and closes); migrates too. */
    public static ChatDatabase over(DataSource dataSource) {
        SqlDialect.Product product = product(dataSource);
        return readyOrClosed(start(null, dataSource, product, product.name() + " (a host's DataSource)"));
    }

    /**
     * Waits until Hibernate's bootstrap is done (at once after the first time); throws what the
     * bootstrap threw, and the caller then closes this database.
     */
    public ChatDatabase awaitReady() {
        hibernate.await();
        if (readyLogged.compareAndSet(false, true)) {
            LOG.info(readyLine);
        }
        return this;
    }

    private static ChatDatabase readyOrClosed(ChatDatabase database) {
        try {
            return database.awaitReady();
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
    }

    private static SqlDialect.Product product(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return SqlDialect.of(connection);
        } catch (SQLException e) {
            throw new StoreUnavailable("Cannot open the database: " + StoreFailures.rootMessage(e), e);
        }
    }

    private static ChatDatabase start(HikariDataSource ownPool, DataSource dataSource, SqlDialect.Product product,
                                      String description) {
        HibernateStart hibernate = HibernateStart.begin(dataSource, product, ownPool != null);
        Migrations.Outcome migrated;
        try {
            migrated = Migrations.migrate(dataSource);
        } catch (RuntimeException e) {
            hibernate.close();
            throw new StoreUnavailable("Cannot migrate the database (" + description + "): "
                    + StoreFailures.rootMessage(e), e);
        }
        String readyLine = "Chat database ready: " + description + " (schema version " + migrated.version()
                + ", " + migrated.appliedNow() + " migration(s) applied now)";
        return new ChatDatabase(ownPool, dataSource, hibernate, product.dialect(), readyLine);
    }

    public Accounts accounts() {
        return accounts;
    }

    public Friendships friendships() {
        return friendships;
    }

    public Directory directory() {
        return directory;
    }

    public MessageStore messages() {
        return messages;
    }

    public StoreHealth health() {
        return health;
    }

    /** Fast inserts of many messages for benchmarks, drawing ids from the same source as sends. */
    public BulkLoader bulkLoader() {
        return new BulkLoader(scope, new SendStatements(dialect));
    }

    /** The pool (or the host's DataSource), for tests that change the schema under the stores. */
    DataSource dataSource() {
        return dataSource;
    }

    /** The conversation ids sends remember, for tests. */
    ConversationIds conversationIds() {
        return conversationIds;
    }

    /** The group commit of sends, for tests that count its batches. */
    GroupCommit groupCommit() {
        return groupCommit;
    }

    /**
     * Fails the sends still waiting for a batch, lets the batches being written finish, then
     * stops Hibernate (once its bootstrap is done) and, unless the DataSource was the host's,
     * closes the pool.
     */
    @Override
    public void close() {
        try {
            groupCommit.close();
            hibernate.close();
        } finally {
            if (ownPool != null) {
                ownPool.close();
            }
        }
    }
}
