package io.friendchat.domain.message;

/**
 * What became of one message handed to {@link MessageStore#appendAll}: appended (created,
 * or an earlier message under the same client id), or the failure that {@link
 * MessageStore#append} would have thrown for it alone.
 */
public record AppendOutcome(Appended appended, RuntimeException failure) {

    public AppendOutcome {
        if ((appended == null) == (failure == null)) {
            throw new IllegalArgumentException("an outcome is either appended or failed");
        }
    }

    public static AppendOutcome created(Message message) {
        return new AppendOutcome(new Appended(message, true), null);
    }

    public static AppendOutcome replayed(Message message) {
        return new AppendOutcome(new Appended(message, false), null);
    }

    public static AppendOutcome failed(RuntimeException failure) {
        return new AppendOutcome(null, failure);
    }

    /** The outcome of a second send under the same client id: the first one's message, not created again. */
    public AppendOutcome repeated() {
        return failure != null ? this : replayed(appended.message());
    }

    public Appended appendedOrThrow() {
        if (failure != null) {
            throw failure;
        }
        return appended;
    }
}
