package io.friendchat.domain.store;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TransactionsTest {

    @Test
    void no_transactions_runs_the_work_and_returns_its_result() {
        assertThat(Transactions.none().inTransaction(() -> 42)).isEqualTo(42);
    }

    @Test
    void no_transactions_lets_a_failure_through() {
        assertThatThrownBy(() -> Transactions.none().inTransaction(() -> {
            throw new StoreUnavailable("down", new IllegalStateException());
        })).isInstanceOf(StoreUnavailable.class).hasMessage("down");
    }
}
