package io.friendchat.adapter.persistence;

import io.friendchat.domain.store.Transactions;

import java.util.function.Supplier;

/**
 * Units of work on the chat database: one Hibernate session and transaction bound
 * to the thread, used by every store called inside; nested units join the outer one.
 */
final class HibernateTransactions implements Transactions {

    private final SessionScope scope;

    HibernateTransactions(SessionScope scope) {
        this.scope = scope;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return scope.unitOfWork(session -> work.get());
    }
}
