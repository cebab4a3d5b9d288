package io.friendchat.bootstrap;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh schema in the local PostgreSQL for one test, dropped afterwards. Where
 * PostgreSQL is unreachable the test is skipped, unless CHAT_REQUIRE_POSTGRES=1.
 */
final class PostgresSchema implements AutoCloseable {

    static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    static PostgresSchema createOrSkip() {
        String name = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(BASE_URL + "?connectTimeout=2", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("create schema " + name);
            return new PostgresSchema(name);
        } catch (SQLException e) {
            if ("1".equals(System.getenv("CHAT_REQUIRE_POSTGRES"))) {
                throw new AssertionError("PostgreSQL at 127.0.0.1:5432 is required (CHAT_REQUIRE_POSTGRES=1) but "
                        + "not reachable: " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL at 127.0.0.1:5432 is not reachable; skipping: " + e.getMessage());
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return BASE_URL + "?currentSchema=" + name;
    }

    /** The same schema reached through another local port (a proxy in front of PostgreSQL). */
    String urlThroughPort(int port) {
        return url().replace("127.0.0.1:5432", "127.0.0.1:" + port);
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(BASE_URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema " + name + " cascade");
        }
    }
}
