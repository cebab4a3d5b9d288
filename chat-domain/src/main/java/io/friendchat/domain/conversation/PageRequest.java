package io.friendchat.domain.conversation;

import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.message.MessageId;

import java.util.Optional;

/**
 * Which page of a conversation to read: the latest {@code limit} messages, or the
 * latest {@code limit} of those older than {@code before}.
 */
public record PageRequest(MessageId before, int limit) {

    public static final int MAX_LIMIT = 10_000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("'limit' must be an integer from 1 to " + MAX_LIMIT + ".");
        }
    }

    public static PageRequest latest(int limit) {
        return new PageRequest(null, limit);
    }

    public static PageRequest before(MessageId before, int limit) {
        return new PageRequest(before, limit);
    }

    public Optional<MessageId> beforeId() {
        return Optional.ofNullable(before);
    }
}
