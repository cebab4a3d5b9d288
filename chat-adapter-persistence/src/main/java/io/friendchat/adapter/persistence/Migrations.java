package io.friendchat.adapter.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Brings the schema to the latest version with Flyway: the SQL files under {@link #LOCATION} and
 * the Java migrations listed here. Hibernate never creates tables.
 *
 * <p>Most starts find the schema already current. Flyway would then scan the jar for migrations,
 * checksum them and validate the history: a fifth of a server's start on its critical path,
 * which a select of the history table replaces. Any doubt (no history yet, a migration to
 * apply, a failed or unknown row, a checksum that differs) goes to Flyway as before, so its
 * validation and locking still guard every start that would change something.
 */
final class Migrations {

    static final String LOCATION = "classpath:io/friendchat/adapter/persistence/migration";
    static final String HISTORY_TABLE = "friendchat_schema_history";

    /**
     * The history Flyway writes for this build's migrations, in order: version, type and checksum
     * (Flyway's, of each SQL file's lines). {@code MigrationsTest} checks it against a fresh
     * migration, so a new or edited migration fails the build until it is listed here.
     */
    static final List<Applied> LATEST = List.of(
            new Applied("1", "SQL", -978_383_946),
            new Applied("2", "SQL", 1_032_124_762),
            new Applied("3", "JDBC", null));

    private Migrations() {
    }

    /** Migrates; a host's schema that already holds tables of its own is taken as version 0. */
    static Outcome migrate(DataSource dataSource) {
        if (LATEST.equals(applied(dataSource))) {
            return new Outcome(LATEST.get(LATEST.size() - 1).version(), 0);
        }
        MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .javaMigrations(new V3__H2MessageIdsDrawnInBlocks())
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new Outcome(result.targetSchemaVersion != null ? result.targetSchemaVersion
                : result.initialSchemaVersion, result.migrationsExecuted);
    }

    /**
     * The versioned migrations the history records as applied, in order; a failed one is listed
     * with the type {@code FAILED} so that it never matches. Empty when there is no history (a new
     * database), and the start then goes to Flyway. Flyway's own rows (the table's creation, a
     * host schema's baseline) are left out.
     */
    static List<Applied> applied(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            try {
                return hasHistory(connection) ? history(connection) : List.of();
            } finally {
                if (!connection.getAutoCommit()) {
                    // Ends the read here (on a host's connection too; a failed one PostgreSQL would keep aborted).
                    connection.rollback();
                }
            }
        } catch (SQLException unreadable) {
            // Flyway then reads it, and says what is wrong.
            return List.of();
        }
    }

    private static List<Applied> history(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select \"version\", \"type\", \"checksum\", \"success\""
                     + " from \"" + HISTORY_TABLE + "\" order by \"installed_rank\"")) {
            List<Applied> applied = new ArrayList<>();
            while (rows.next()) {
                String version = rows.getString(1);
                String type = rows.getString(2);
                int checksum = rows.getInt(3);
                Integer sum = rows.wasNull() ? null : checksum;
                if (!rows.getBoolean(4)) {
                    applied.add(new Applied(version, "FAILED", sum));
                } else if (version != null && !"BASELINE".equals(type)) {
                    applied.add(new Applied(version, type, sum));
                }
            }
            return applied;
        }
    }

    /** Asked first, since a select of a missing table would be an error H2 writes to its trace file. */
    private static boolean hasHistory(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(),
                HISTORY_TABLE, null)) {
            return tables.next();
        }
    }

    /** One row of the history: a migration Flyway applied. */
    record Applied(String version, String type, Integer checksum) {
        Applied {
            Objects.requireNonNull(type);
        }
    }

    /** The schema's version after {@link #migrate} and how many migrations this start applied. */
    record Outcome(String version, int appliedNow) {
    }
}
