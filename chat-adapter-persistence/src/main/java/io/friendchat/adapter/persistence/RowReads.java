package io.friendchat.adapter.persistence;

import io.friendchat.domain.store.StoreUnavailable;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One-statement reads in plain JDBC on a pooled connection, for the lookups every request
 * makes (the caller's account, a receiver, a friendship). A Hibernate session around them
 * (its persistence context, flush and transaction) cost more than the selects themselves:
 * with three of them per send, about a third of a send's CPU.
 */
final class RowReads {

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Turns the result into a value; the cursor is before the first row. */
    @FunctionalInterface
    interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private final DataSource dataSource;

    RowReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T read(String sql, Parameters parameters, Rows<T> rows) {
        try (Connection connection = dataSource.getConnection()) {
            T result;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                parameters.bind(statement);
                try (ResultSet resultSet = statement.executeQuery()) {
                    result = rows.read(resultSet);
                }
            }
            // Ends the read's transaction here: the pool would roll it back on return otherwise,
            // and a host's DataSource may hand out connections in auto-commit (nothing to end).
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return result;
        } catch (SQLException e) {
            throw new StoreUnavailable(StoreFailures.UNAVAILABLE, e);
        }
    }
}
