package io.friendchat.domain.live;

/** A friend is typing to the receiving account. */
public record TypingEvent(String sender) implements LiveEvent {

    @Override
    public EventKind kind() {
        return EventKind.TYPING;
    }
}
