package io.friendchat.domain.directory;

import io.friendchat.domain.ChatException;

/** An account could not be created or changed because its id, username or email is taken. */
public final class DirectoryConflict extends ChatException {

    public DirectoryConflict(String message) {
        super(message);
    }
}
