package io.friendchat.domain.live;

/** A friend's read mark in the conversation moved up to {@code upTo}. */
public record ReadEvent(String reader, long upTo) implements LiveEvent {

    @Override
    public EventKind kind() {
        return EventKind.READ;
    }
}
