package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.InboxEntry;
import io.friendchat.domain.directory.AccountDraft;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** An inbox costs the same statements for one partner as for two hundred: no query per partner. */
class InboxStatementCountTest {

    private static RecordingDataSource recording;
    private static ChatDatabase database;

    @BeforeAll
    static void open() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:inbox_count_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        recording = new RecordingDataSource(h2);
        database = ChatDatabase.over(recording);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void theInboxIsOneStatementWhateverTheNumberOfPartners() {
        Account lonely = withPartners(1);
        Account popular = withPartners(200);

        int forOne = statementsFor(() -> assertThat(database.messages().inbox(lonely.id())).hasSize(1));
        int forTwoHundred = statementsFor(() -> assertThat(database.messages().inbox(popular.id())).hasSize(200));

        assertThat(forOne).isEqualTo(1);
        assertThat(forTwoHundred).isEqualTo(forOne);
    }

    @Test
    void theWholeInboxWithFriendsAndProfilesIsAFixedNumberOfStatements() {
        Account lonely = withPartners(1);
        Account popular = withPartners(200);

        int forOne = statementsFor(() -> listConversations(lonely, 1));
        int forTwoHundred = statementsFor(() -> listConversations(popular, 200));

        assertThat(forOne).isEqualTo(3);
        assertThat(forTwoHundred).isEqualTo(forOne);
    }

    /** What the ListConversations use case asks of the ports with the built-in directory. */
    private static void listConversations(Account owner, int partners) {
        List<AccountId> ids = database.messages().inbox(owner.id()).stream().map(InboxEntry::partner).toList();
        Set<AccountId> friends = database.friendships().friendsAmong(owner.id(), ids);
        assertThat(database.accounts().byIds(friends)).hasSize(partners);
    }

    private static int statementsFor(Runnable work) {
        recording.clear();
        work.run();
        return recording.statements().size();
    }

    private static Account withPartners(int count) {
        Account owner = create();
        for (int i = 0; i < count; i++) {
            Account partner = create();
            database.directory().befriend(owner.id(), partner.id());
            database.messages().append(StoresSuite.message(partner.id(), owner.id(), "hello " + i));
        }
        return owner;
    }

    private static Account create() {
        long n = System.nanoTime();
        return database.directory().create(new AccountDraft(null, "user" + n, "user" + n + "@example.com", "", null,
                false));
    }
}
