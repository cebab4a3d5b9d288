package io.friendchat.domain.store;

import java.util.function.Supplier;

/** Runs a unit of work atomically against the stores: all of it commits, or none. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    /** For stores with nothing to roll back (in memory), or whose every call is atomic on its own. */
    static Transactions none() {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }
        };
    }
}
