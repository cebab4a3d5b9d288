package io.friendchat.adapter.persistence;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh schema in the PostgreSQL at 127.0.0.1:5432 (database {@code test}) for one
 * test class, dropped after it. Where PostgreSQL is not reachable the class is
 * skipped with one line, unless {@code CHAT_REQUIRE_POSTGRES=1} makes that a failure.
 */
final class PostgresTestDatabase implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String DATABASE = "test";
    static final String USER = System.getenv().getOrDefault("CHAT_TEST_PG_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("CHAT_TEST_PG_PASSWORD", "");

    final String schema;

    private PostgresTestDatabase(String schema) {
        this.schema = schema;
    }

    /** A new, empty schema; skips (or fails) the calling test class when PostgreSQL cannot be reached. */
    static PostgresTestDatabase createSchema() {
        String schema = "chat_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            String line = "PostgreSQL at " + HOST + ":" + PORT + "/" + DATABASE + " is not reachable ("
                    + e.getMessage().lines().findFirst().orElse("") + "): skipped; set CHAT_REQUIRE_POSTGRES=1 to fail instead.";
            if ("1".equals(System.getenv("CHAT_REQUIRE_POSTGRES"))) {
                Assertions.fail(line.replace("skipped; set", "failed because").replace(" to fail instead", ""), e);
            }
            Assumptions.abort(line);
        }
        return new PostgresTestDatabase(schema);
    }

    DatabaseSettings settings(int maxPoolSize) {
        return settingsVia(PORT, maxPoolSize);
    }

    /** Settings that reach this schema through another port (a proxy in front of PostgreSQL). */
    DatabaseSettings settingsVia(int port, int maxPoolSize) {
        return new DatabaseSettings("jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE + "?currentSchema=" + schema,
                USER, PASSWORD, maxPoolSize);
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE
                + "?connectTimeout=2&socketTimeout=30", USER, PASSWORD);
    }
}
