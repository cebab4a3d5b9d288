package io.friendchat.adapter.persistence;

import org.hibernate.SessionFactory;

import javax.sql.DataSource;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Hibernate's bootstrap on a thread of its own, while the schema is migrated on the caller's:
 * the bootstrap neither reads nor changes the database (see {@link HibernateBootstrap}), and
 * the two are the longest steps of a server's start, so a second core takes one of them off
 * the time to the first answered request.
 */
final class HibernateStart {

    private final FutureTask<SessionFactory> bootstrap;

    private HibernateStart(FutureTask<SessionFactory> bootstrap) {
        this.bootstrap = bootstrap;
    }

    static HibernateStart begin(DataSource dataSource, SqlDialect.Product product, boolean autoCommitOff) {
        FutureTask<SessionFactory> bootstrap = new FutureTask<>(
                () -> HibernateBootstrap.sessionFactory(dataSource, product, autoCommitOff));
        Thread thread = new Thread(bootstrap, "friendchat-hibernate-start");
        thread.setDaemon(true);
        thread.start();
        return new HibernateStart(bootstrap);
    }

    /** The SessionFactory once built; what the bootstrap threw, as it was thrown. */
    SessionFactory await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return bootstrap.get();
                } catch (InterruptedException e) {
                    // The start cannot be abandoned half-way: the thread would leave a SessionFactory open.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("Hibernate's bootstrap failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the bootstrap and closes what it built; a bootstrap that failed built nothing to close. */
    void close() {
        SessionFactory built;
        try {
            built = await();
        } catch (RuntimeException | Error failed) {
            return;
        }
        built.close();
    }
}
