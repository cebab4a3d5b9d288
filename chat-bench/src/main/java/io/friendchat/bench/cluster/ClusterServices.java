package io.friendchat.bench.cluster;

import io.friendchat.bench.Flags;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What the several-node scenarios run on: the local PostgreSQL ({@code --pg-url}, {@code --pg-user}) and a
 * {@code redis-server} on the PATH, and why they cannot run when one is missing.
 */
public record ClusterServices(String databaseUrl, String databaseUser) {

    public static ClusterServices from(Flags flags) {
        return new ClusterServices(flags.text("pg-url", "jdbc:postgresql://127.0.0.1:5432/test"),
                flags.text("pg-user", "postgres"));
    }

    /** Why the nodes cannot run here, or empty when PostgreSQL answers and redis-server is on the PATH. */
    public Optional<String> missing() {
        if (RedisProcess.binary().isEmpty()) {
            return Optional.of("redis-server is not on the PATH");
        }
        return PostgresSchema.unreachable(databaseUrl, databaseUser);
    }

    /** A fresh schema for one set-up, dropped on close. */
    public PostgresSchema newSchema() throws SQLException {
        return PostgresSchema.create(databaseUrl, databaseUser);
    }

    /** The redis-server binary; call after {@link #missing()} found none missing. */
    public Path redisBinary() {
        return RedisProcess.binary().orElseThrow();
    }
}
