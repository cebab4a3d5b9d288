package io.friendchat.domain;

/**
 * The root of every failure the chat core reports. Subclasses carry the data
 * an adapter needs to answer; only adapters turn them into statuses or close codes.
 */
public abstract class ChatException extends RuntimeException {

    protected ChatException(String message) {
        super(message);
    }

    protected ChatException(String message, Throwable cause) {
        super(message, cause);
    }
}
