package io.friendchat.adapter.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseSettingsTest {

    @Test
    void theDefaultIsAnH2FileUnderDataWithDurableCommits() {
        DatabaseSettings settings = DatabaseSettings.h2Default();

        assertThat(settings).isEqualTo(new DatabaseSettings("jdbc:h2:file:./data/chat", "sa", "", 16));
        assertThat(settings.effectiveUrl()).isEqualTo("jdbc:h2:file:./data/chat;WRITE_DELAY=0;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64");
        assertThat(settings.describe()).isEqualTo("H2 file ./data/chat");
    }

    @Test
    void anH2UrlKeepsTheWriteDelayLockTimeoutAndQueryCacheItSets() {
        assertThat(h2("jdbc:h2:file:/srv/chat;write_delay=500").effectiveUrl())
                .isEqualTo("jdbc:h2:file:/srv/chat;write_delay=500;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64");
        assertThat(h2("jdbc:h2:mem:x;LOCK_TIMEOUT=3000;AUTO_SERVER=TRUE;query_cache_size=4").effectiveUrl())
                .isEqualTo("jdbc:h2:mem:x;LOCK_TIMEOUT=3000;AUTO_SERVER=TRUE;query_cache_size=4;WRITE_DELAY=0");
    }

    @Test
    void aPostgresUrlGetsTimeoutsThatTurnADeadServerIntoAQuickFailure() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://db.example:5433/chat?socketTimeout=30",
                "chat", "s3cret", 32);

        assertThat(settings.effectiveUrl()).isEqualTo("jdbc:postgresql://db.example:5433/chat?socketTimeout=30"
                + "&connectTimeout=2&loginTimeout=2&reWriteBatchedInserts=true"
                + "&options=-c%20idle_in_transaction_session_timeout%3D5s");
        assertThat(new DatabaseSettings("jdbc:postgresql://127.0.0.1:5432/test", "u", "p", 1).effectiveUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=2&loginTimeout=2&socketTimeout=2"
                        + "&reWriteBatchedInserts=true&options=-c%20idle_in_transaction_session_timeout%3D5s");
    }

    @Test
    void theDescriptionNamesTheDatabaseButNeverThePassword() {
        DatabaseSettings settings = new DatabaseSettings(
                "jdbc:postgresql://127.0.0.1:5432/test?user=chat&password=s3cret", "chat", "s3cret", 8);

        assertThat(settings.describe()).isEqualTo("PostgreSQL 127.0.0.1:5432/test");
        assertThat(settings.toString()).doesNotContain("s3cret").contains("PostgreSQL 127.0.0.1:5432/test");
        assertThat(h2("jdbc:h2:mem:chat;DB_CLOSE_DELAY=-1").describe()).isEqualTo("H2 in-memory chat");
        assertThat(h2("jdbc:h2:tcp://localhost:9092/~/chat;PASSWORD=x").describe())
                .isEqualTo("H2 server localhost:9092/~/chat");
    }

    @Test
    void onlyH2AndPostgresWithAtLeastOneConnection() {
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://localhost/chat", "u", "p", 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:h2:mem:x", "sa", "", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DatabaseSettings h2(String url) {
        return new DatabaseSettings(url, "sa", null, 4);
    }
}
