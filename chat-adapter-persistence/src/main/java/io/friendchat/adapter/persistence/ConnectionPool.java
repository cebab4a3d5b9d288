package io.friendchat.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;

/** Builds the HikariCP pool: short waits, so that a dead database is a fast failure rather than a hang. */
final class ConnectionPool {

    static final long CONNECTION_TIMEOUT_MS = 1_000;
    static final long VALIDATION_TIMEOUT_MS = 500;

    private ConnectionPool() {
    }

    static HikariDataSource open(DatabaseSettings settings) {
        return open(settings, null);
    }

    /**
     * An open pool holding one checked connection; throws what the driver threw when none can be made.
     *
     * @param trackers HikariCP's metrics of the pool go there; null for none
     */
    static HikariDataSource open(DatabaseSettings settings, MetricsTrackerFactory trackers) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("friendchat");
        config.setJdbcUrl(settings.effectiveUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MS);
        // Hibernate is told (provider_disables_autocommit) and skips a round trip per transaction.
        config.setAutoCommit(false);
        if (trackers != null) {
            config.setMetricsTrackerFactory(trackers);
        }
        PoolWakeUp wakeUp = new PoolWakeUp();
        config.setThreadFactory(wakeUp);
        HikariDataSource pool = new HikariDataSource(config);
        wakeUp.watch(pool);
        return pool;
    }
}
