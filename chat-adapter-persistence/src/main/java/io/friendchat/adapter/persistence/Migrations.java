package io.friendchat.adapter.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * Brings the schema to the latest version with Flyway: the SQL files under {@link #LOCATION} and
 * the Java migrations listed here. Hibernate never creates tables.
 */
final class Migrations {

    static final String LOCATION = "classpath:io/friendchat/adapter/persistence/migration";
    static final String HISTORY_TABLE = "friendchat_schema_history";

    private Migrations() {
    }

    /** Migrates; a host's schema that already holds tables of its own is taken as version 0. */
    static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .javaMigrations(new V3__H2MessageIdsDrawnInBlocks())
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
