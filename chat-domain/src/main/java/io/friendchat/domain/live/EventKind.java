package io.friendchat.domain.live;

/** The kinds of live events; every kind but NEW_MESSAGE is sent only to connections that asked for it. */
public enum EventKind {
    NEW_MESSAGE, PRESENCE, TYPING, READ
}
