package io.friendchat.bootstrap;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh schema in the local PostgreSQL for one test, dropped afterwards. Where
 * PostgreSQL is unreachable the test is skipped, unless CHAT_REQUIRE_POSTGRES=1.
 */
final class PostgresSchema implements AutoCloseable {

    static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    /** The tests' PostgreSQL login, as chat-adapter-persistence's tests take it. */
    static final String USER = System.getenv().getOrDefault("CHAT_TEST_PG_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("CHAT_TEST_PG_PASSWORD", "");

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    static PostgresSchema createOrSkip() {
        String name = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(BASE_URL + "?connectTimeout=2", USER, PASSWORD);
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

    /** The settings of a server on this schema (its URL and the tests' login), and {@code more}. */
    Map<String, String> serverSettings(Map<String, String> more) {
        return serverSettings(url(), more);
    }

    /** The same, reaching the schema through another local port (a proxy in front of PostgreSQL). */
    Map<String, String> serverSettingsThroughPort(int port, Map<String, String> more) {
        return serverSettings(urlThroughPort(port), more);
    }

    private static Map<String, String> serverSettings(String url, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("CHAT_DB_URL", url);
        settings.put("CHAT_DB_USER", USER);
        settings.put("CHAT_DB_PASSWORD", PASSWORD);
        return settings;
    }

    /** The same schema reached through another local port (a proxy in front of PostgreSQL). */
    String urlThroughPort(int port) {
        return url().replace("127.0.0.1:5432", "127.0.0.1:" + port);
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(BASE_URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema " + name + " cascade");
        }
    }
}
