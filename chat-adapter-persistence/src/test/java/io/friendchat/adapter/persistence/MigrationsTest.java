package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.conversation.PageRequest;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.store.StoreUnavailable;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationsTest {

    @TempDir
    Path directory;

    @Test
    void reopeningAnH2FileKeepsTheDataAndMigratesNothingTwice() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:h2:file:" + directory.resolve("chat"), "sa", "", 4);
        AccountId alice = AccountId.of(1);
        AccountId bob = AccountId.of(2);
        Message sent;
        try (ChatDatabase database = ChatDatabase.open(settings)) {
            sent = database.messages().append(StoresSuite.message(alice, bob, "still here?")).message();
        }

        try (ChatDatabase database = ChatDatabase.open(settings)) {
            assertThat(database.messages().page(Conversation.between(alice, bob), PageRequest.latest(5)).messages())
                    .containsExactly(sent);
            Message next = database.messages().append(StoresSuite.message(bob, alice, "yes")).message();
            assertThat(next.id()).isGreaterThan(sent.id());
        }
    }

    @Test
    void aHostsDataSourceWithTablesOfItsOwnIsMigratedBesideThemAndLeftOpen() throws Exception {
        JdbcDataSource host = hostDatabase("host",
                "create table host_users (id bigint primary key, name varchar(50))",
                "insert into host_users values (7, 'host user')");

        try (ChatDatabase database = ChatDatabase.over(host)) {
            database.messages().append(StoresSuite.message(AccountId.of(7), AccountId.of(8), "from a host's user"));
        }

        try (Connection connection = host.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select (select count(*) from host_users), (select count(*) from messages)")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.getInt(2)).isEqualTo(1);
        }
    }

    @Test
    void aSchemaThatCannotBeMigratedIsAOneLineStoreUnavailable() throws Exception {
        // A host table of ours' name and another shape: the first migration cannot create it.
        JdbcDataSource host = hostDatabase("clash", "create table messages (note varchar(50))");

        assertThatThrownBy(() -> ChatDatabase.over(host))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageStartingWith("Cannot migrate the database (H2 (a host's DataSource)): ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void onH2MessageIdsAreDrawnInBlocksAndStillRiseAcrossAReopening() throws Exception {
        DatabaseSettings settings = new DatabaseSettings("jdbc:h2:file:" + directory.resolve("blocks"), "sa", "", 4);
        AccountId alice = AccountId.of(1);
        AccountId bob = AccountId.of(2);
        Message first;
        try (ChatDatabase database = ChatDatabase.open(settings)) {
            assertThat(single(database, "select identity_cache from information_schema.columns"
                    + " where table_name = 'MESSAGES' and column_name = 'ID'")).isEqualTo(1024);
            assertThat(single(database, "select max(\"version\") from \"" + Migrations.HISTORY_TABLE + "\"")).isEqualTo(3);
            first = database.messages().append(StoresSuite.message(alice, bob, "one")).message();
        }
        try (ChatDatabase database = ChatDatabase.open(settings)) {
            Message second = database.messages().append(StoresSuite.message(alice, bob, "two")).message();
            assertThat(second.id()).isGreaterThan(first.id());
        }
    }

    @Test
    void onPostgresqlMessageIdsAreDrawnOneByOne() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.createSchema();
             ChatDatabase database = ChatDatabase.open(postgres.settings(2))) {
            // A per-session cache would let two connections draw from two blocks: ids out of commit order.
            assertThat(single(database, "select s.cache_size from pg_sequences s"
                    + " where s.schemaname = current_schema() and s.sequencename = 'messages_id_seq'")).isEqualTo(1);
            assertThat(single(database, "select max(cast(\"version\" as int)) from \"" + Migrations.HISTORY_TABLE + "\""))
                    .isEqualTo(3);
        }
    }

    @Test
    void theLatestHistoryIsWhatFlywayWritesOnH2() throws Exception {
        JdbcDataSource fresh = hostDatabase("latest");
        assertThat(Migrations.applied(fresh)).as("no history yet").isEmpty();

        try (ChatDatabase database = ChatDatabase.over(fresh)) {
            assertThat(Migrations.applied(database.dataSource())).isEqualTo(Migrations.LATEST);
        }
    }

    @Test
    void theLatestHistoryIsWhatFlywayWritesOnPostgresql() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.createSchema();
             ChatDatabase database = ChatDatabase.open(postgres.settings(2))) {
            assertThat(Migrations.applied(database.dataSource())).isEqualTo(Migrations.LATEST);
        }
    }

    @Test
    void aCurrentSchemaIsCheckedWithOneSelectAndNotHandedToFlyway() throws Exception {
        JdbcDataSource host = hostDatabase("current");
        ChatDatabase.over(host).close();
        RecordingDataSource recording = new RecordingDataSource(host);

        assertThat(Migrations.migrate(recording)).isEqualTo(new Migrations.Outcome("3", 0));

        assertThat(recording.statements()).extracting(RecordingDataSource.Recorded::sql)
                .containsExactly("<plain statement>");
    }

    @Test
    void aSchemaBehindTheLatestIsMigratedByFlyway() throws Exception {
        JdbcDataSource host = hostDatabase("behind");
        ChatDatabase.over(host).close();
        execute(host, "delete from \"" + Migrations.HISTORY_TABLE + "\" where \"version\" = '3'",
                "alter table messages alter column id set cache 32");

        assertThat(Migrations.migrate(host)).isEqualTo(new Migrations.Outcome("3", 1));
        assertThat(Migrations.applied(host)).isEqualTo(Migrations.LATEST);
    }

    @Test
    void aChecksumThatDiffersGoesToFlywayWhoseValidationRefusesTheStart() throws Exception {
        JdbcDataSource host = hostDatabase("edited");
        ChatDatabase.over(host).close();
        execute(host, "update \"" + Migrations.HISTORY_TABLE + "\" set \"checksum\" = 1 where \"version\" = '1'");

        assertThatThrownBy(() -> ChatDatabase.over(host))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessage("Cannot migrate the database (H2 (a host's DataSource)): Validate failed: Migrations have failed"
                        + " validation");
    }

    @Test
    void aFailedMigrationInTheHistoryNeverCountsAsApplied() throws Exception {
        JdbcDataSource host = hostDatabase("failed");
        ChatDatabase.over(host).close();
        execute(host, "update \"" + Migrations.HISTORY_TABLE + "\" set \"success\" = false where \"version\" = '3'");

        assertThat(Migrations.applied(host)).containsExactly(Migrations.LATEST.get(0), Migrations.LATEST.get(1),
                new Migrations.Applied("3", "FAILED", null));
    }

    private static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static long single(ChatDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).isTrue();
            long value = row.getLong(1);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return value;
        }
    }

    /** A host application's own in-memory H2 database, holding what the statements made. */
    private static JdbcDataSource hostDatabase(String name, String... statements) throws SQLException {
        JdbcDataSource host = new JdbcDataSource();
        host.setURL("jdbc:h2:mem:" + name + "_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        host.setUser("sa");
        try (Connection connection = host.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        return host;
    }
}
