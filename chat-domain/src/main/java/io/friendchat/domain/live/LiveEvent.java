package io.friendchat.domain.live;

/**
 * Something pushed to an account's live connections. Events carry plain values
 * (usernames, resolved pictures) so any transport can carry them between nodes.
 */
public sealed interface LiveEvent permits NewMessageEvent, PresenceEvent, TypingEvent, ReadEvent {

    /** The kind a connection opts into; NEW_MESSAGE always reaches every connection. */
    EventKind kind();
}
