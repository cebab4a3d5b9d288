package io.friendchat.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountHandle;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.conversation.PageRequest;
import io.friendchat.domain.directory.AccountDraft;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lookups an owner's requests make read through indexes on H2, the default embedded
 * database: every table the plan reads names an index condition. H2 turns
 * "a = ? or b = ?" over two columns into "? in (a, b)" and reads the whole table or
 * index for it. The SQL explained is the very SQL the stores sent, recorded with its
 * parameters, on an H2 file database with the migrated schema.
 */
class H2QueryPlansTest {

    /**
     * A table the plan reads and the comment H2 prints after it: the index, then, after a colon,
     * the condition it looks rows up by (after the index hint, when the statement names one). A scan has
     * no condition, or names {@code tableScan}.
     */
    private static final Pattern TABLE_ACCESS = Pattern.compile(
            "\"PUBLIC\"\\.\"(\\w+)\"(?: \"\\w+\")?(?: USE INDEX \\([^)]*\\))?\\s*/\\* PUBLIC\\.([\\w.]+)(:?)");
    private static final Pattern ANY_TABLE = Pattern.compile("\"PUBLIC\"\\.\"\\w+\"");

    private static final int PARTNERS_EACH_SIDE = 20;
    private static final int OTHER_PAIRS = 300;

    @TempDir
    static Path directory;

    private static HikariDataSource pool;
    private static RecordingDataSource recording;
    private static ChatDatabase database;
    private static Account owner;
    private static final List<AccountId> lowerPartners = new ArrayList<>();
    private static final List<AccountId> higherPartners = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        pool = ConnectionPool.open(new DatabaseSettings("jdbc:h2:file:" + directory.resolve("chat"), "sa", "", 2));
        recording = new RecordingDataSource(pool);
        database = ChatDatabase.over(recording);
        // The owner's id lies between its partners': it is the lower account of some pairs, the higher of others.
        long ownerId = 1_000;
        owner = database.directory().create(new AccountDraft(ownerId, "owner", "Owner@Example.com", "", null, false));
        for (int i = 1; i <= PARTNERS_EACH_SIDE; i++) {
            lowerPartners.add(AccountId.of(ownerId - i));
            higherPartners.add(AccountId.of(ownerId + i));
        }
        for (AccountId partner : concat(lowerPartners, higherPartners)) {
            database.directory().befriend(owner.id(), partner);
            database.bulkLoader().insertMessages(partner, owner.id(), 2, i -> "hello " + i, Instant.now());
        }
        // Rows of other accounts, so that a scan and an index lookup are not the same work.
        for (int i = 0; i < OTHER_PAIRS; i++) {
            AccountId a = AccountId.of(10_000 + 2L * i);
            AccountId b = AccountId.of(10_001 + 2L * i);
            database.directory().create(new AccountDraft(a.value(), "other" + i, "other" + i + "@example.com", "",
                    null, false));
            database.directory().befriend(a, b);
            database.bulkLoader().insertMessages(a, b, 2, n -> "there " + n, Instant.now());
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("analyze");
            connection.commit();
        }
    }

    @AfterAll
    static void close() {
        database.close();
        pool.close();
    }

    @Test
    void theInboxReadsTheOwnersConversationsThroughIndexes() throws Exception {
        assertIndexedOnly("inbox", () -> assertThat(database.messages().inbox(owner.id()))
                .hasSize(2 * PARTNERS_EACH_SIDE));
    }

    @Test
    void friendsOfReadsTheOwnersFriendshipsThroughIndexes() throws Exception {
        assertIndexedOnly("friends of", () -> assertThat(database.friendships().friendsOf(owner.id()))
                .hasSize(2 * PARTNERS_EACH_SIDE));
    }

    @Test
    void friendsAmongReadsTheOwnersFriendshipsThroughIndexes() throws Exception {
        List<AccountId> candidates = List.of(lowerPartners.get(0), higherPartners.get(0), AccountId.of(10_000),
                AccountId.of(5));
        assertIndexedOnly("friends among", () -> assertThat(database.friendships().friendsAmong(owner.id(), candidates))
                .containsExactlyInAnyOrder(lowerPartners.get(0), higherPartners.get(0)));
    }

    @Test
    void accountsByIdsAreLookedUpThroughThePrimaryKey() throws Exception {
        List<AccountId> ids = List.of(owner.id(), AccountId.of(10_000), AccountId.of(10_002), AccountId.of(5));
        assertIndexedOnly("accounts by ids", () -> assertThat(database.accounts().byIds(ids).keySet())
                .containsExactlyInAnyOrder(owner.id(), AccountId.of(10_000), AccountId.of(10_002)));
    }

    @Test
    void aConversationsPagesAreReadBackwardsThroughItsIndexAndStopAfterThePage() throws Exception {
        Conversation conversation = Conversation.between(owner.id(), lowerPartners.get(0));
        assertIndexedOnly("latest page", () -> assertThat(database.messages()
                .page(conversation, PageRequest.latest(1)).messages()).hasSize(1));
        Message latest = database.messages().page(conversation, PageRequest.latest(1)).messages().get(0);
        assertIndexedOnly("page before the latest", () -> assertThat(database.messages()
                .page(conversation, PageRequest.before(latest.id(), 1)).messages()).hasSize(1));
    }

    @Test
    void catchUpReadsTheReceiversMessagesInIndexOrder() throws Exception {
        assertIndexedOnly("received after", () -> assertThat(database.messages()
                .receivedAfter(owner.id(), null, 3)).hasSize(3));
    }

    @Test
    void theLatestReceivedIdIsTheLastEntryOfTheReceiversIndex() throws Exception {
        long latest = database.messages().receivedAfter(owner.id(), null, Integer.MAX_VALUE).stream()
                .mapToLong(message -> message.id().value()).max().orElseThrow();
        assertIndexedOnly("latest received id", () -> assertThat(database.messages()
                .latestReceivedId(owner.id())).isEqualTo(latest));
    }

    @Test
    void resolvingAHandleReadsAccountsThroughIndexes() throws Exception {
        assertIndexedOnly("resolve a username", () -> assertThat(database.accounts().resolve(AccountHandle.of("owner")))
                .contains(owner));
        assertIndexedOnly("resolve an email", () -> assertThat(database.accounts()
                .resolve(AccountHandle.of("owner@example.com"))).contains(owner));
    }

    private static void assertIndexedOnly(String title, Runnable call) throws Exception {
        recording.clear();
        call.run();
        List<RecordingDataSource.Recorded> statements = recording.statements();
        System.out.printf("%n=== %s (%d statements)%n", title, statements.size());
        assertThat(statements).isNotEmpty();
        try (Connection connection = pool.getConnection()) {
            for (RecordingDataSource.Recorded recorded : statements) {
                String plan = plan(connection, recorded);
                System.out.println("-- " + recorded.sql() + "  " + recorded.parameters().values());
                System.out.println(plan);
                List<String> accesses = new ArrayList<>();
                Matcher access = TABLE_ACCESS.matcher(plan);
                while (access.find()) {
                    accesses.add(access.group(1) + " via " + access.group(2) + (access.group(3).isEmpty()
                            ? " (no index condition)" : ""));
                }
                if (recorded.sql().toLowerCase(Locale.ROOT).contains("fetch first")) {
                    // A page: read in index order and stopped after it, not every matching row read and sorted.
                    assertThat(plan).as("a page's plan").contains("/* index sorted */");
                }
                assertThat(accesses).as("the tables the plan reads").isNotEmpty()
                        .hasSize((int) ANY_TABLE.matcher(plan).results().count())
                        .allSatisfy(read -> assertThat(read).as(plan)
                                .doesNotContain("(no index condition)").doesNotContain(".tableScan"));
            }
            connection.commit();
        }
    }

    private static String plan(Connection connection, RecordingDataSource.Recorded recorded) throws Exception {
        try (PreparedStatement explain = connection.prepareStatement("explain " + recorded.sql())) {
            for (Map.Entry<Integer, Object> parameter : recorded.parameters().entrySet()) {
                explain.setObject(parameter.getKey(), parameter.getValue());
            }
            try (ResultSet plan = explain.executeQuery()) {
                StringBuilder text = new StringBuilder();
                while (plan.next()) {
                    text.append(plan.getString(1)).append('\n');
                }
                return text.toString();
            }
        }
    }

    private static List<AccountId> concat(List<AccountId> first, List<AccountId> second) {
        List<AccountId> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
