package io.friendchat.bootstrap;

/** A configuration the server cannot start with; its message is the one line the operator reads. */
public final class ConfigProblem extends RuntimeException {

    public ConfigProblem(String message) {
        super(message);
    }
}
