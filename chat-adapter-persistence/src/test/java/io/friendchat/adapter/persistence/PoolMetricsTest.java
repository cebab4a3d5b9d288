package io.friendchat.adapter.persistence;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.friendchat.domain.account.AccountId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool's metrics hook: HikariCP reports the chat's own pool to the tracker factory it is given. */
class PoolMetricsTest {

    @Test
    void thePoolReportsToTheGivenTrackersAndHandsOutConnectionsThroughThem() {
        List<String> pools = new CopyOnWriteArrayList<>();
        AtomicInteger acquired = new AtomicInteger();
        MetricsTrackerFactory trackers = (String poolName, PoolStats stats) -> {
            pools.add(poolName);
            return new IMetricsTracker() {
                @Override
                public void recordConnectionAcquiredNanos(long nanos) {
                    acquired.incrementAndGet();
                }
            };
        };
        DatabaseSettings settings = new DatabaseSettings("jdbc:h2:mem:pool_metrics_" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1", "sa", "", 2);

        try (ChatDatabase database = ChatDatabase.open(settings, trackers)) {
            int before = acquired.get();
            database.accounts().byId(new AccountId(1));

            assertThat(pools).containsExactly("friendchat");
            assertThat(acquired.get()).isGreaterThan(before);
        }
    }
}
