package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.account.Username;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.conversation.ConversationPage;
import io.friendchat.domain.conversation.InboxEntry;
import io.friendchat.domain.conversation.PageRequest;
import io.friendchat.domain.directory.AccountDraft;
import io.friendchat.domain.directory.Directory;
import io.friendchat.domain.directory.DirectoryConflict;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.domain.message.MessageText;
import io.friendchat.domain.message.NewMessage;
import io.friendchat.testkit.contract.DirectoryContract;
import io.friendchat.testkit.contract.FriendshipsContract;
import io.friendchat.testkit.contract.MessageStoreContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every port contract, plus what only a database shows (units of work, racing
 * sends, bulk loads), against one {@link ChatDatabase} that a subclass opens.
 */
abstract class StoresSuite {

    static final Instant SENT = Instant.parse("2024-09-28T14:41:27.654321Z");

    abstract ChatDatabase database();

    static NewMessage message(AccountId from, AccountId to, String text) {
        return new NewMessage(from, to, new MessageText(text), SENT, null);
    }

    @Nested
    class Messages extends MessageStoreContract {
        @Override
        protected MessageStore storeUnderTest() {
            return database().messages();
        }
    }

    @Nested
    class Directories extends DirectoryContract {
        @Override
        protected Directory directoryUnderTest() {
            return database().directory();
        }

        @Override
        protected Accounts accountsUnderTest() {
            return database().accounts();
        }
    }

    @Nested
    class Friends extends FriendshipsContract {
        @Override
        protected Friendships friendshipsUnderTest() {
            return database().friendships();
        }

        @Override
        protected void befriend(AccountId a, AccountId b) {
            database().directory().befriend(a, b);
        }

        @Override
        protected void unfriend(AccountId a, AccountId b) {
            database().directory().unfriend(a, b);
        }
    }

    @Nested
    class GroupCommitted extends GroupCommitCases {
        @Override
        ChatDatabase database() {
            return StoresSuite.this.database();
        }
    }

    @Nested
    class DirectoryRaces {

        @Test
        @Timeout(value = 180, unit = TimeUnit.SECONDS)
        void sixteenThreadsCreatingAccountsWithoutAnIdAllGetDistinctIds() throws Exception {
            int threads = 16;
            int perThread = 20;
            Directory directory = database().directory();
            String prefix = "race" + TestIds.next().value() + "_";
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Account> created = new ArrayList<>();
            try {
                List<Future<List<Account>>> creators = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    creators.add(pool.submit(() -> {
                        List<Account> mine = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            String username = prefix + thread + "_" + i;
                            mine.add(directory.create(new AccountDraft(null, username, username + "@example.com",
                                    "", null, false)));
                        }
                        return mine;
                    }));
                }
                for (Future<List<Account>> creator : creators) {
                    created.addAll(creator.get(170, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(created).extracting(Account::id).doesNotHaveDuplicates().hasSize(threads * perThread);
            // Consecutive ids: no creation took an id another had drawn, failed on the key and drew again.
            LongSummaryStatistics ids = created.stream().mapToLong(account -> account.id().value()).summaryStatistics();
            assertThat(ids.getMax() - ids.getMin() + 1).isEqualTo(threads * perThread);
            for (Account account : created) {
                assertThat(database().accounts().byId(account.id())).contains(account);
            }
        }

        @Test
        void anIdAHostChoseAboveTheGeneratedOnesIsSkippedByTheNextGeneratedIds() {
            Directory directory = database().directory();
            String prefix = "skip" + TestIds.next().value() + "_";
            Account generated = directory.create(draft(prefix + "a", null));
            long chosen = generated.id().value() + 500;
            directory.create(draft(prefix + "b", chosen));

            Account next = directory.create(draft(prefix + "c", null));
            Account after = directory.create(draft(prefix + "d", null));

            assertThat(next.id().value()).isEqualTo(chosen + 1);
            assertThat(after.id().value()).isEqualTo(chosen + 2);
        }

        private static AccountDraft draft(String username, Long id) {
            return new AccountDraft(id, username, username + "@example.com", "", null, false);
        }
    }

    @Nested
    class ConcurrentSends {

        private static final int THREADS = 8;
        private static final int SENDS_PER_THREAD = 500;

        @Test
        @Timeout(value = 180, unit = TimeUnit.SECONDS)
        void eightThreadsSendingIntoOneConversationLoseNothingAndIdsRiseInCommitOrder() throws Exception {
            AccountId alice = TestIds.next();
            AccountId bob = TestIds.next();
            MessageStore store = database().messages();
            Set<Long> toAlice = new ConcurrentSkipListSet<>();
            Set<Long> toBob = new ConcurrentSkipListSet<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
            try {
                // Catch-up readers: each only asks for ids above the last it saw, so an id
                // committed after a higher one would be skipped and missing at the end.
                Future<List<Long>> aliceReads = pool.submit(() -> GroupCommitCases.catchUp(store, alice, sending));
                Future<List<Long>> bobReads = pool.submit(() -> GroupCommitCases.catchUp(store, bob, sending));
                List<Future<?>> senders = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    boolean toB = t % 2 == 0;
                    int thread = t;
                    senders.add(pool.submit(() -> {
                        for (int i = 0; i < SENDS_PER_THREAD; i++) {
                            NewMessage draft = toB ? message(alice, bob, "t" + thread + " #" + i)
                                    : message(bob, alice, "t" + thread + " #" + i);
                            Message sent = store.append(draft).message();
                            (toB ? toBob : toAlice).add(sent.id().value());
                        }
                        return null;
                    }));
                }
                for (Future<?> sender : senders) {
                    sender.get(170, TimeUnit.SECONDS);
                }
                sending.set(false);

                assertThat(toAlice.size() + toBob.size()).isEqualTo(THREADS * SENDS_PER_THREAD);
                assertThat(aliceReads.get(60, TimeUnit.SECONDS)).containsExactlyElementsOf(new TreeSet<>(toAlice));
                assertThat(bobReads.get(60, TimeUnit.SECONDS)).containsExactlyElementsOf(new TreeSet<>(toBob));
            } finally {
                pool.shutdownNow();
            }
            long highest = Math.max(Collections.max(toAlice), Collections.max(toBob));
            Conversation conversation = Conversation.between(alice, bob);
            assertThat(store.page(conversation, PageRequest.latest(1)).messages().get(0).id().value())
                    .isEqualTo(highest);
            List<InboxEntry> aliceInbox = store.inbox(alice);
            assertThat(aliceInbox).hasSize(1);
            assertThat(aliceInbox.get(0).latest().id().value()).isEqualTo(highest);
            assertThat(aliceInbox.get(0).unread()).isEqualTo(toAlice.size());
            assertThat(store.inbox(bob).get(0).unread()).isEqualTo(toBob.size());
            assertThat(store.page(conversation, PageRequest.latest(THREADS * SENDS_PER_THREAD)).messages())
                    .hasSize(THREADS * SENDS_PER_THREAD);
        }
    }

    @Nested
    class MailboxLocks {

        /** What keeps the ids one account receives rising in commit order across nodes sharing the database. */
        @Test
        @Timeout(value = 60, unit = TimeUnit.SECONDS)
        void aSendsMailboxLockHoldsOffAnotherTransactionUntilItEnds() throws Exception {
            long receiver = TestIds.next().value();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (Connection first = database().dataSource().getConnection();
                 Connection second = database().dataSource().getConnection()) {
                first.setAutoCommit(false);
                second.setAutoCommit(false);
                SendStatements statements = new SendStatements(SqlDialect.of(first).dialect());
                statements.lockMailbox(first, receiver);
                first.commit();

                // The row exists now: this is the statement every later send runs.
                statements.lockMailbox(first, receiver);
                Future<?> other = pool.submit(() -> {
                    statements.lockMailbox(second, receiver);
                    return null;
                });
                Thread.sleep(500);
                assertThat(other).isNotDone();
                first.commit();
                other.get(30, TimeUnit.SECONDS);
                second.commit();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Bulk {

        @Test
        void bulkLoadedAccountsAreTheDirectorysOwnAndLaterOnesGoOnAboveThem() {
            Directory directory = database().directory();
            String tag = "bulk" + System.nanoTime();
            Account before = directory.create(new AccountDraft(null, tag + "-before", tag + "-before@example.com",
                    "", null, false));
            int count = BulkLoader.PER_TRANSACTION + 3;
            List<AccountDraft> drafts = IntStream.range(0, count).mapToObj(i -> new AccountDraft(null, tag + "-" + i,
                    tag + "-" + i + "@Example.com", "Bulk " + i, null, false)).toList();

            List<Long> ids = database().bulkLoader().insertAccounts(drafts);

            Account after = directory.create(new AccountDraft(null, tag + "-after", tag + "-after@example.com",
                    "", null, false));
            assertThat(ids).hasSize(count).doesNotHaveDuplicates().isSorted();
            assertThat(ids.get(0)).isGreaterThan(before.id().value());
            assertThat(after.id().value()).isGreaterThan(ids.get(count - 1));
            assertThat(database().accounts().byId(AccountId.of(ids.get(count - 1)))).contains(new Account(
                    AccountId.of(ids.get(count - 1)), Username.of(tag + "-" + (count - 1)),
                    tag + "-" + (count - 1) + "@Example.com", "Bulk " + (count - 1), null, false));
            assertThatThrownBy(() -> directory.create(new AccountDraft(null, tag + "-other", tag.toUpperCase()
                    + "-0@example.com", "", null, false))).isInstanceOf(DirectoryConflict.class);
        }

        @Test
        void aBulkLoadDrawsIdsFromTheSameSourceAndKeepsTheConversationRight() {
            AccountId alice = TestIds.next();
            AccountId bob = TestIds.next();
            MessageStore store = database().messages();
            Message before = store.append(message(bob, alice, "before the load")).message();
            int count = BulkLoader.PER_TRANSACTION + 345;

            long lastId = database().bulkLoader().insertMessages(alice, bob, count, i -> "bulk " + i, SENT);

            Message after = store.append(message(bob, alice, "after the load")).message();
            assertThat(lastId).isGreaterThan(before.id().value()).isLessThan(after.id().value());
            List<Message> received = store.receivedAfter(bob, null, count + 1);
            assertThat(received).hasSize(count);
            assertThat(received.get(0).text()).isEqualTo("bulk 0");
            assertThat(received.get(count - 1).id().value()).isEqualTo(lastId);
            assertThat(received.get(count - 1).text()).isEqualTo("bulk " + (count - 1));
            for (int i = 1; i < received.size(); i++) {
                assertThat(received.get(i).id()).isGreaterThan(received.get(i - 1).id());
            }
            assertThat(store.inbox(bob)).containsExactly(new InboxEntry(alice, after, count));
            assertThat(store.inbox(alice)).containsExactly(new InboxEntry(bob, after, 2));
            ConversationPage page = store.page(Conversation.between(alice, bob), PageRequest.latest(3));
            assertThat(page.messages()).extracting(Message::text)
                    .containsExactly("bulk " + (count - 2), "bulk " + (count - 1), "after the load");
            assertThat(page.hasMore()).isTrue();
        }
    }

    /** The future's value within 10 s; a reader on another connection must not wait for a writer. */
    static <T> T await(Future<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the other thread did not answer", e);
        }
    }
}
