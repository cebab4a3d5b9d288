package io.friendchat.adapter.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every contract on an H2 in-memory database. */
class H2MemoryStoresTest extends StoresSuite {

    private static ChatDatabase database;

    @BeforeAll
    static void open() {
        database = ChatDatabase.open(new DatabaseSettings("jdbc:h2:mem:stores_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "", 16));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    ChatDatabase database() {
        return database;
    }
}
