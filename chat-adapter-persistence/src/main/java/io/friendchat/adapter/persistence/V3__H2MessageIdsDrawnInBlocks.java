package io.friendchat.adapter.persistence;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * On H2, message ids are drawn from the identity in blocks of 1,024 instead of 32. H2 writes
 * down how far its identity has gone once per block, in a transaction of its own, which on a
 * durable database (WRITE_DELAY=0) is a whole extra commit inside a send batch every 32 messages.
 * H2's identity is one counter for the whole database, so ids still rise in the order they
 * are drawn; a crash only leaves a gap (at most a block), never an id drawn twice.
 * <p>
 * Not on PostgreSQL: there a cache is per session, so two connections would draw from two
 * blocks and the ids one account receives would no longer rise in commit order.
 * <p>
 * A Java migration because the two databases need different statements; {@link Migrations}
 * hands it to Flyway, so it can ask {@link SqlDialect} which database it is on.
 */
final class V3__H2MessageIdsDrawnInBlocks extends BaseJavaMigration {

    static final int BLOCK = 1024;

    @Override
    public void migrate(Context context) throws SQLException {
        if (SqlDialect.of(context.getConnection()).dialect() != SqlDialect.H2) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("alter table messages alter column id set cache " + BLOCK);
        }
    }
}
