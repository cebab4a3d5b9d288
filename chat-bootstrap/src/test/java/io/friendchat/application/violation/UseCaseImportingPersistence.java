package io.friendchat.application.violation;

import io.friendchat.adapter.persistence.DatabaseSettings;

/** A deliberate violation (test code only): a use case that knows an adapter. */
public class UseCaseImportingPersistence {

    public String database() {
        return DatabaseSettings.h2Default().describe();
    }
}
