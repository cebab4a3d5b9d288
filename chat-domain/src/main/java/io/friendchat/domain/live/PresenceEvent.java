package io.friendchat.domain.live;

/** A friend's first live connection opened, or their last one closed. */
public record PresenceEvent(String account, boolean online) implements LiveEvent {

    @Override
    public EventKind kind() {
        return EventKind.PRESENCE;
    }
}
