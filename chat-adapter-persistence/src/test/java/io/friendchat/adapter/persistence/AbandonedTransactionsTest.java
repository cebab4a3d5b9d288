package io.friendchat.adapter.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction whose client goes silent (a node killed or cut off mid-send) must not
 * keep its row locks: on PostgreSQL the backend would otherwise hold a receiver's
 * mailbox, and refuse every later send to that account, until TCP keep-alive gives up.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AbandonedTransactionsTest {

    @Test
    void aTransactionLeftIdleByItsClientIsEndedAndItsLocksFreed() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.createSchema();
             ChatDatabase database = ChatDatabase.open(postgres.settings(4))) {
            try (Connection setUp = database.dataSource().getConnection(); Statement statement = setUp.createStatement()) {
                statement.execute("create table held (id int primary key)");
                statement.execute("insert into held values (1)");
                setUp.commit();
                try (ResultSet timeout = statement.executeQuery("show idle_in_transaction_session_timeout")) {
                    assertThat(timeout.next()).isTrue();
                    assertThat(timeout.getString(1)).isEqualTo("5s");
                }
                setUp.commit();
            }

            Connection abandoned = database.dataSource().getConnection();
            try {
                try (Statement lock = abandoned.createStatement()) {
                    lock.executeQuery("select id from held where id = 1 for update").close();
                }
                // The client now says nothing more, as a partitioned or killed one would.
                assertThat(lockTakenWithin(database, 15_000)).as("the row lock given back").isTrue();
            } finally {
                try {
                    abandoned.close();
                } catch (SQLException ignored) {
                    // The server ended this session: the pool drops the connection.
                }
            }
        }
    }

    private static boolean lockTakenWithin(ChatDatabase database, long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            try (Connection other = database.dataSource().getConnection(); Statement lock = other.createStatement()) {
                try {
                    lock.executeQuery("select id from held where id = 1 for update nowait").close();
                    other.rollback();
                    return true;
                } catch (SQLException stillHeld) {
                    other.rollback();
                }
            }
            Thread.sleep(200);
        }
        return false;
    }
}
