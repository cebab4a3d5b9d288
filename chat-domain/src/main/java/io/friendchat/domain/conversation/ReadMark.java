package io.friendchat.domain.conversation;

/**
 * A reader's position in a conversation after marking it read: the mark as it now
 * stands, whether this call moved it, and how many of the partner's messages
 * remain unread.
 */
public record ReadMark(long upTo, boolean moved, long unread) {
}
