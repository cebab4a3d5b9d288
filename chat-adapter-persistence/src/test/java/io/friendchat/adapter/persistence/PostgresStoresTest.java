package io.friendchat.adapter.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.opentest4j.TestAbortedException;

/** Every contract on PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresStoresTest extends StoresSuite {

    private static PostgresTestDatabase postgres;
    private static ChatDatabase database;
    private static String skipped;

    @BeforeAll
    static void open() {
        try {
            postgres = PostgresTestDatabase.createSchema();
        } catch (TestAbortedException e) {
            // Skip each test with the reason (a class-level abort of nested classes leaves no trace in the report).
            skipped = e.getMessage();
            return;
        }
        database = ChatDatabase.open(postgres.settings(16));
    }

    @AfterAll
    static void close() throws Exception {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Override
    ChatDatabase database() {
        if (skipped != null) {
            Assumptions.abort(skipped);
        }
        return database;
    }
}
