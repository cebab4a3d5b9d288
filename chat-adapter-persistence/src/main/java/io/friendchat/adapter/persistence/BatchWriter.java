package io.friendchat.adapter.persistence;

import io.friendchat.domain.message.AppendOutcome;
import io.friendchat.domain.message.NewMessage;
import io.friendchat.domain.store.StoreUnavailable;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a batch of sends on one connection: all of them in one transaction, committed
 * once. When that transaction fails on the data of a send (a constraint, a value, a lost
 * lock race), it is rolled back and the sends are written again one by one, each in a
 * transaction of its own, so that only the faulty one fails. When the database cannot be
 * reached, every send of the batch fails at once: retries against it would only wait again.
 * Just before each commit it says so; the first time lets the next batch's statements run
 * while this one commits.
 */
final class BatchWriter {

    private final DataSource dataSource;
    private final OrderedSends sends;
    private final AtomicLong transactions = new AtomicLong();

    BatchWriter(DataSource dataSource, OrderedSends sends) {
        this.dataSource = dataSource;
        this.sends = sends;
    }

    /**
     * One outcome per send, in the same order; never throws. Runs {@code committing} before
     * each commit it tries: the first run says the batch's statements are done (the retries one
     * by one come after it), and not at all when no commit is tried.
     */
    List<AppendOutcome> write(List<NewMessage> batch, Runnable committing) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            // Among them HikariCP's connection timeout: the pool had no connection for us in time.
            return everyoneFails(batch, StoreFailures.UNAVAILABLE, e);
        }
        try {
            // A host's DataSource may hand out connections in auto-commit; the pool never does.
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            try {
                return writeOn(connection, batch, committing);
            } finally {
                if (autoCommit) {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            return everyoneFails(batch, StoreFailures.UNAVAILABLE, e);
        } finally {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // A broken connection: the pool drops it.
            }
        }
    }

    /** Transactions begun so far, whether they committed or not. */
    long transactions() {
        return transactions.get();
    }

    private List<AppendOutcome> writeOn(Connection connection, List<NewMessage> batch, Runnable committing) {
        Attempt together = attempt(connection, batch, committing);
        if (together.outcomes() != null) {
            return together.outcomes();
        }
        if (batch.size() == 1) {
            return List.of(AppendOutcome.failed(together.failure()));
        }
        if (!together.oneSendsFault()) {
            return everyoneFails(batch, together);
        }
        List<AppendOutcome> outcomes = new ArrayList<>(batch.size());
        for (NewMessage send : batch) {
            Attempt alone = attempt(connection, List.of(send), committing);
            if (alone.outcomes() != null) {
                outcomes.add(alone.outcomes().get(0));
            } else if (alone.oneSendsFault()) {
                outcomes.add(AppendOutcome.failed(alone.failure()));
            } else {
                outcomes.addAll(everyoneFails(batch.subList(outcomes.size(), batch.size()), alone));
                break;
            }
        }
        return outcomes;
    }

    private Attempt attempt(Connection connection, List<NewMessage> batch, Runnable committing) {
        transactions.incrementAndGet();
        List<AppendOutcome> outcomes;
        try {
            outcomes = sends.write(connection, batch);
        } catch (SQLException e) {
            return rolledBack(connection, e, StoreFailures.concernsOneSend(e), StoreFailures.UNAVAILABLE);
        } catch (RuntimeException e) {
            // Not the database's: a send the statements refuse. Alone, it fails alone, with this very exception.
            return rolledBack(connection, e, true, null);
        }
        committing.run();
        try {
            connection.commit();
        } catch (SQLException e) {
            // A commit refused on the data or a lock race stored nothing; any other failure may have stored it all.
            boolean oneSendsFault = StoreFailures.concernsOneSend(e);
            return rolledBack(connection, e, oneSendsFault,
                    oneSendsFault ? StoreFailures.UNAVAILABLE : StoreFailures.COMMIT_FAILED);
        }
        return new Attempt(outcomes, null, null, false);
    }

    private static Attempt rolledBack(Connection connection, Exception failure, boolean oneSendsFault,
                                      String message) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            // The connection is gone: whatever the first failure was, the database cannot be used now
            // (and a commit that failed this way may still have stored everything).
            failure.addSuppressed(e);
            return new Attempt(null, failure, StoreFailures.COMMIT_FAILED.equals(message) ? message
                    : StoreFailures.UNAVAILABLE, false);
        }
        return new Attempt(null, failure, message, oneSendsFault);
    }

    private static List<AppendOutcome> everyoneFails(List<NewMessage> batch, Attempt attempt) {
        return everyoneFails(batch, attempt.message(), attempt.cause());
    }

    private static List<AppendOutcome> everyoneFails(List<NewMessage> batch, String message, Exception cause) {
        List<AppendOutcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            // One exception per caller: each is thrown on its own thread.
            outcomes.add(AppendOutcome.failed(new StoreUnavailable(message, cause)));
        }
        return outcomes;
    }

    /**
     * A transaction's end: the outcomes when it committed; otherwise what failed, the message
     * its callers get (null: a send's own exception, thrown as it is), and whether the failure
     * lies with one send rather than with the database.
     */
    private record Attempt(List<AppendOutcome> outcomes, Exception cause, String message, boolean oneSendsFault) {

        RuntimeException failure() {
            if (message == null && cause instanceof RuntimeException own) {
                return own;
            }
            return new StoreUnavailable(message == null ? StoreFailures.UNAVAILABLE : message, cause);
        }
    }
}
