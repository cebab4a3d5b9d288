package io.friendchat.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.conversation.PageRequest;
import io.friendchat.domain.message.MessageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measurement, not part of the default run ({@code CHAT_EXPLAIN=1} turns it on):
 * the plans and timings of the history page and inbox queries on PostgreSQL with
 * 100,000 messages across 1,000 conversations. The SQL explained is the very SQL
 * Hibernate sent, recorded with its parameters.
 */
@EnabledIfEnvironmentVariable(named = "CHAT_EXPLAIN", matches = "1")
class PostgresQueryPlansTest {

    private static final int CONVERSATIONS = 1_000;
    private static final int MESSAGES_EACH = 100;

    @Test
    void aBusyOwnerIn100Of1000Conversations() throws Exception {
        measure(100, true);
    }

    /** The owner is in every conversation: a tenth of the table is read, so the planner may prefer a scan. */
    @Test
    void anOwnerInAll1000Conversations() throws Exception {
        measure(CONVERSATIONS, false);
    }

    private static void measure(int ownersConversations, boolean requireIndexes) throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.createSchema();
             ChatDatabase loader = ChatDatabase.open(postgres.settings(4))) {
            AccountId owner = AccountId.of(1);
            long started = System.nanoTime();
            for (int c = 0; c < CONVERSATIONS; c++) {
                AccountId a = c < ownersConversations ? owner : AccountId.of(10_000 + 2L * c);
                AccountId b = AccountId.of(2 + c);
                loader.bulkLoader().insertMessages(a, b, MESSAGES_EACH / 2, i -> "there " + i, Instant.now());
                loader.bulkLoader().insertMessages(b, a, MESSAGES_EACH / 2, i -> "back " + i, Instant.now());
            }
            System.out.printf("%n##### owner in %d of %,d conversations, %,d messages (loaded in %d ms)%n",
                    ownersConversations, CONVERSATIONS, CONVERSATIONS * MESSAGES_EACH,
                    (System.nanoTime() - started) / 1_000_000);

            try (HikariDataSource pool = ConnectionPool.open(postgres.settings(2))) {
                try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("analyze messages");
                    statement.execute("analyze conversations");
                    connection.commit();
                }
                RecordingDataSource recording = new RecordingDataSource(pool);
                try (ChatDatabase database = ChatDatabase.over(recording)) {
                    AccountId partner = AccountId.of(2 + ownersConversations / 2);
                    Conversation conversation = Conversation.between(owner, partner);
                    long middle = database.messages().page(conversation, PageRequest.latest(50)).messages().get(0)
                            .id().value();

                    explain(recording, pool, "history page (latest 50)", true, () -> database.messages()
                            .page(conversation, PageRequest.latest(50)));
                    explain(recording, pool, "history page (50 before an id)", true, () -> database.messages()
                            .page(conversation, PageRequest.before(MessageId.of(middle), 50)));
                    explain(recording, pool, "inbox of the owner (" + ownersConversations + " conversations)",
                            requireIndexes, () -> assertThat(database.messages().inbox(owner))
                                    .hasSize(ownersConversations));
                    explain(recording, pool, "inbox of a partner (1 conversation)", true, () -> assertThat(
                            database.messages().inbox(partner)).hasSize(1));
                }
            }
        }
    }

    private static void explain(RecordingDataSource recording, DataSource pool, String title, boolean requireIndexes,
                                Runnable call) throws Exception {
        for (int i = 0; i < 20; i++) {
            call.run();
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long started = System.nanoTime();
            call.run();
            micros.add((System.nanoTime() - started) / 1_000);
        }
        Collections.sort(micros);
        recording.clear();
        call.run();
        System.out.printf("%n=== %s: store call median %,d us, p90 %,d us (%d statements)%n", title, micros.get(25),
                micros.get(45), recording.statements().size());
        try (Connection connection = pool.getConnection()) {
            for (RecordingDataSource.Recorded recorded : recording.statements()) {
                System.out.println("-- " + recorded.sql() + "  " + recorded.parameters().values());
                try (PreparedStatement explain = connection.prepareStatement(
                        "explain (analyze, buffers) " + recorded.sql())) {
                    for (Map.Entry<Integer, Object> parameter : recorded.parameters().entrySet()) {
                        explain.setObject(parameter.getKey(), parameter.getValue());
                    }
                    explain.executeQuery().close();
                    try (ResultSet plan = explain.executeQuery()) {
                        while (plan.next()) {
                            String line = plan.getString(1);
                            System.out.println(line);
                            if (requireIndexes) {
                                assertThat(line).doesNotContain("Seq Scan on messages");
                            }
                        }
                    }
                }
            }
        }
    }
}
