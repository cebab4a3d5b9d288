package io.friendchat.adapter.persistence;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures of a batch's transaction are one send's, so that the batch is written again send by send. */
class StoreFailuresTest {

    @Test
    void constraintsValuesDeadlocksSerializationFailuresAndLockTimeoutsConcernOneSend() {
        for (String state : new String[] {"23505", "23513", "23502", "22001", "22008", "22021", "40001", "40P01",
                "HYT00", "55P03"}) {
            assertThat(StoreFailures.concernsOneSend(new SQLException("refused", state))).as(state).isTrue();
        }
    }

    @Test
    void theConnectionThePoolTimeoutsAndUnknownStatesConcernTheWholeBatch() {
        for (String state : new String[] {"08006", "08001", "57P01", "57014", "40002", "25P02", "XX000", "2300", ""}) {
            assertThat(StoreFailures.concernsOneSend(new SQLException("failed", state))).as(state).isFalse();
        }
        assertThat(StoreFailures.concernsOneSend(new SQLException("no state"))).isFalse();
        assertThat(StoreFailures.concernsOneSend(
                new SQLTransientConnectionException("friendchat - Connection is not available, request timed out after 1000ms")))
                .isFalse();
    }
}
