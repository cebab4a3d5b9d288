package io.friendchat.bench.cluster;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A fresh schema in a PostgreSQL database for one run, dropped with everything in
 * it on close; the nodes reach it through {@code currentSchema}.
 */
public final class PostgresSchema implements AutoCloseable {

    private final String databaseUrl;
    private final String user;
    private final String name;

    private PostgresSchema(String databaseUrl, String user, String name) {
        this.databaseUrl = databaseUrl;
        this.user = user;
        this.name = name;
    }

    /** Why PostgreSQL cannot be used at {@code databaseUrl}, or empty when it answers. */
    public static Optional<String> unreachable(String databaseUrl, String user) {
        try (Connection ignored = DriverManager.getConnection(withConnectTimeout(databaseUrl), user, "")) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("PostgreSQL at " + databaseUrl + " (user " + user + ") is not reachable: "
                    + e.getMessage());
        }
    }

    public static PostgresSchema create(String databaseUrl, String user) throws SQLException {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String name = "bench_" + HexFormat.of().formatHex(random);
        try (Connection connection = DriverManager.getConnection(withConnectTimeout(databaseUrl), user, "");
             Statement statement = connection.createStatement()) {
            statement.execute("create schema " + name);
        }
        return new PostgresSchema(databaseUrl, user, name);
    }

    /** The JDBC URL for CHAT_DB_URL: the database, with this schema as the only one searched. */
    public String url() {
        return databaseUrl + (databaseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    public String user() {
        return user;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema " + name + " cascade");
        }
    }

    private static String withConnectTimeout(String url) {
        return url + (url.contains("?") ? "&" : "?") + "connectTimeout=2";
    }
}
