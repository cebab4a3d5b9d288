package io.friendchat.adapter.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Every contract on an H2 file database with durable commits (the standalone server's default). */
class H2FileStoresTest extends StoresSuite {

    @TempDir
    static Path directory;

    private static ChatDatabase database;

    @BeforeAll
    static void open() {
        database = ChatDatabase.open(new DatabaseSettings("jdbc:h2:file:" + directory.resolve("data/chat"), "sa", "", 16));
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
