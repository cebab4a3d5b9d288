package io.friendchat.adapter.persistence;

import io.friendchat.domain.store.StoreHealth;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Up when a pooled connection answers within a second. */
final class DatabaseHealth implements StoreHealth {

    private static final int VALID_WITHIN_SECONDS = 1;

    private final DataSource dataSource;

    DatabaseHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean isUp() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALID_WITHIN_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
