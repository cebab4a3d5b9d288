package io.friendchat.domain.message;

/** A message's id, drawn by the store; ids order a conversation, and rise in commit order per receiver. */
public record MessageId(long value) implements Comparable<MessageId> {

    public MessageId {
        if (value < 1) {
            throw new IllegalArgumentException("a message id is a positive integer, got " + value);
        }
    }

    public static MessageId of(long value) {
        return new MessageId(value);
    }

    @Override
    public int compareTo(MessageId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
