package io.friendchat.domain;

/** Input that breaks a rule of the domain (a blank message, an over-long handle, a bad page size). */
public final class InvalidInput extends ChatException {

    public InvalidInput(String message) {
        super(message);
    }
}
