package io.friendchat.domain.message;

/**
 * What an append did: stored a new message, or found that the sender had already
 * sent one under the same client id (then {@code message} is that first one).
 */
public record Appended(Message message, boolean created) {
}
