package io.friendchat.adapter.persistence;

import io.friendchat.domain.message.Appended;
import io.friendchat.domain.message.Message;

/** What one send came to: the message appended (or found under its client id), or the failure its caller gets. */
record SendOutcome(Appended appended, RuntimeException failure) {

    static SendOutcome created(Message message) {
        return new SendOutcome(new Appended(message, true), null);
    }

    static SendOutcome replayed(Message message) {
        return new SendOutcome(new Appended(message, false), null);
    }

    static SendOutcome failed(RuntimeException failure) {
        return new SendOutcome(null, failure);
    }

    /** The outcome of a second send under the same client id: the first one's message, not created again. */
    SendOutcome repeated() {
        return failure != null ? this : replayed(appended.message());
    }

    Appended appendedOrThrow() {
        if (failure != null) {
            throw failure;
        }
        return appended;
    }
}
