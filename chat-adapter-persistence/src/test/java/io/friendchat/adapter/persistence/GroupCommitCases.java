package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.conversation.InboxEntry;
import io.friendchat.domain.conversation.PageRequest;
import io.friendchat.domain.friendship.SelfConversation;
import io.friendchat.domain.message.AppendOutcome;
import io.friendchat.domain.message.Appended;
import io.friendchat.domain.message.ClientId;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.domain.message.MessageText;
import io.friendchat.domain.message.NewMessage;
import io.friendchat.domain.store.StoreUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sends committed in groups: what each caller is answered and what
 * the database then holds. {@link HeldBatch} makes a batch hold exactly the sends a test queues.
 */
abstract class GroupCommitCases {

    static final Instant SENT = StoresSuite.SENT;

    abstract ChatDatabase database();

    @AfterEach
    void noHook() {
        database().groupCommit().beforeEachBatch(() -> { });
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void sixteenThreadsSendingToAMixOfReceiversAreEachAnsweredStoredOnceAndInIdOrder() throws Exception {
        int threads = 16;
        int sendsPerThread = 60;
        List<AccountId> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accounts.add(TestIds.next());
        }
        MessageStore store = database().messages();
        GroupCommit groupCommit = database().groupCommit();
        long transactionsBefore = groupCommit.transactions();
        long batchesBefore = groupCommit.batches();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads + accounts.size());
        // What each thread was answered, in the order it was answered.
        List<List<Message>> answered = new ArrayList<>();
        try {
            Map<AccountId, Future<List<Long>>> readers = new HashMap<>();
            for (AccountId account : accounts) {
                readers.put(account, pool.submit(() -> catchUp(store, account, sending)));
            }
            List<Future<List<Message>>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(pool.submit(() -> {
                    List<Message> mine = new ArrayList<>();
                    AccountId sender = accounts.get(thread % accounts.size());
                    for (int i = 0; i < sendsPerThread; i++) {
                        AccountId receiver = accounts.get((thread + 1 + i % 5) % accounts.size());
                        ClientId clientId = i % 3 == 0 ? ClientId.of("t" + thread + "-" + i) : null;
                        Appended appended = store.append(new NewMessage(sender, receiver,
                                new MessageText("t" + thread + " #" + i), SENT, clientId));
                        assertThat(appended.created()).isTrue();
                        mine.add(appended.message());
                    }
                    return mine;
                }));
            }
            for (Future<List<Message>> sender : senders) {
                answered.add(sender.get(170, TimeUnit.SECONDS));
            }
            sending.set(false);

            Map<AccountId, TreeSet<Long>> idsTo = new HashMap<>();
            Set<Long> every = new HashSet<>();
            for (List<Message> mine : answered) {
                Map<AccountId, Long> lastTo = new HashMap<>();
                for (Message message : mine) {
                    long id = message.id().value();
                    assertThat(every.add(id)).as("id %d answered twice", id).isTrue();
                    idsTo.computeIfAbsent(message.receiver(), r -> new TreeSet<>()).add(id);
                    Long last = lastTo.put(message.receiver(), id);
                    if (last != null) {
                        assertThat(id).as("ids one receiver gets rise in the order answered").isGreaterThan(last);
                    }
                }
            }
            assertThat(every).hasSize(threads * sendsPerThread);
            for (AccountId account : accounts) {
                TreeSet<Long> expected = idsTo.get(account);
                // A reader that only asks for ids above the last it saw would miss an id committed after a higher one.
                assertThat(readers.get(account).get(60, TimeUnit.SECONDS)).containsExactlyElementsOf(expected);
                assertThat(store.receivedAfter(account, null, threads * sendsPerThread))
                        .extracting(message -> message.id().value()).containsExactlyElementsOf(expected);
            }
        } finally {
            sending.set(false);
            pool.shutdownNow();
        }

        Map<Conversation, List<Message>> byConversation = new HashMap<>();
        for (List<Message> mine : answered) {
            for (Message message : mine) {
                byConversation.computeIfAbsent(Conversation.between(message.sender(), message.receiver()),
                        c -> new ArrayList<>()).add(message);
            }
        }
        for (AccountId owner : accounts) {
            List<InboxEntry> inbox = store.inbox(owner);
            for (InboxEntry entry : inbox) {
                List<Message> messages = byConversation.get(Conversation.between(owner, entry.partner()));
                long latest = messages.stream().mapToLong(m -> m.id().value()).max().orElseThrow();
                long toOwner = messages.stream().filter(m -> m.receiver().equals(owner)).count();
                assertThat(entry.latest().id().value()).isEqualTo(latest);
                assertThat(entry.unread()).isEqualTo(toOwner);
            }
            assertThat(inbox).hasSize((int) byConversation.keySet().stream()
                    .filter(c -> c.low().equals(owner) || c.high().equals(owner)).count());
        }
        long transactions = groupCommit.transactions() - transactionsBefore;
        long batches = groupCommit.batches() - batchesBefore;
        System.out.printf("%d sends from %d threads: %d batches, %d transactions%n", threads * sendsPerThread,
                threads, batches, transactions);
        assertThat(transactions).isEqualTo(batches).isLessThan(threads * sendsPerThread);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sendsQueuedWhileABatchWaitsAreOneTransactionAndKeepTheirArrivalOrderPerReceiver() throws Exception {
        AccountId a = TestIds.next();
        AccountId b = TestIds.next();
        AccountId c = TestIds.next();
        AccountId d = TestIds.next();
        GroupCommit groupCommit = database().groupCommit();
        long transactionsBefore = groupCommit.transactions();

        List<Outcome> outcomes;
        try (HeldBatch held = new HeldBatch(groupCommit, database().messages())) {
            outcomes = held.send(List.of(message(a, b, "one"), message(c, b, "two"), message(b, a, "three"),
                    message(a, b, "four"), message(c, d, "five")));
        }

        assertThat(groupCommit.transactions() - transactionsBefore).isEqualTo(1);
        List<Message> stored = outcomes.stream().map(Outcome::created).toList();
        assertThat(stored.get(0).id()).isLessThan(stored.get(1).id());
        assertThat(stored.get(1).id()).isLessThan(stored.get(3).id());
        MessageStore store = database().messages();
        assertThat(store.receivedAfter(b, null, 10)).containsExactly(stored.get(0), stored.get(1), stored.get(3));
        assertThat(store.page(Conversation.between(a, b), PageRequest.latest(10)).messages())
                .containsExactly(stored.get(0), stored.get(2), stored.get(3));
        assertThat(store.inbox(b)).containsExactly(new InboxEntry(a, stored.get(3), 2),
                new InboxEntry(c, stored.get(1), 1));
        assertThat(store.inbox(a)).containsExactly(new InboxEntry(b, stored.get(3), 1));
        assertThat(store.inbox(d)).containsExactly(new InboxEntry(c, stored.get(4), 1));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void messagesHandedInTogetherAreOneTransactionInTheirOrderAndOneFailingFailsAlone() {
        AccountId a = TestIds.next();
        AccountId b = TestIds.next();
        AccountId c = TestIds.next();
        GroupCommit groupCommit = database().groupCommit();
        MessageStore store = database().messages();

        List<AppendOutcome> together;
        long transactions;
        try (RefusedText refused = new RefusedText(database())) {
            long transactionsBefore = groupCommit.transactions();
            together = store.appendAll(List.of(message(a, b, "one"), message(c, b, "two"), message(a, b, "three")));
            transactions = groupCommit.transactions() - transactionsBefore;
            assertThat(transactions).isEqualTo(1);

            transactionsBefore = groupCommit.transactions();
            List<AppendOutcome> withFaults = store.appendAll(List.of(message(a, b, "four"),
                    message(c, b, RefusedText.TEXT), message(b, b, "to oneself"), message(c, b, "five")));
            // Together first, then the three that reached the database each alone.
            assertThat(groupCommit.transactions() - transactionsBefore).isEqualTo(4);
            assertThat(withFaults.get(1).failure()).isInstanceOf(StoreUnavailable.class);
            assertThat(withFaults.get(2).failure()).isInstanceOf(SelfConversation.class);
            together = new ArrayList<>(together);
            together.add(withFaults.get(0));
            together.add(withFaults.get(3));
        }

        List<Message> stored = together.stream().map(outcome -> outcome.appendedOrThrow().message()).toList();
        assertThat(together).allSatisfy(outcome -> assertThat(outcome.appended().created()).isTrue());
        assertThat(stored).extracting(Message::text).containsExactly("one", "two", "three", "four", "five");
        assertThat(stored).extracting(message -> message.id().value()).isSorted().doesNotHaveDuplicates();
        assertThat(store.receivedAfter(b, null, 10)).isEqualTo(stored);
        assertThat(store.inbox(b)).containsExactly(new InboxEntry(c, stored.get(4), 2),
                new InboxEntry(a, stored.get(3), 3));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aClientIdRepeatedInOneBatchStoresOneMessageAndAnswersEverySendWithIt() throws Exception {
        AccountId a = TestIds.next();
        AccountId b = TestIds.next();
        AccountId c = TestIds.next();
        ClientId same = ClientId.of("same-" + a.value());
        GroupCommit groupCommit = database().groupCommit();
        long transactionsBefore = groupCommit.transactions();

        List<Outcome> outcomes;
        try (HeldBatch held = new HeldBatch(groupCommit, database().messages())) {
            outcomes = held.send(List.of(message(a, b, "first", same), message(c, b, "other"),
                    message(a, b, "retry", same), message(a, c, "elsewhere", same)));
        }

        assertThat(groupCommit.transactions() - transactionsBefore).isEqualTo(1);
        Message first = outcomes.get(0).created();
        assertThat(first.text()).isEqualTo("first");
        assertThat(outcomes.get(2).appended()).isEqualTo(new Appended(first, false));
        assertThat(outcomes.get(3).appended()).isEqualTo(new Appended(first, false));
        Message other = outcomes.get(1).created();
        MessageStore store = database().messages();
        assertThat(store.receivedAfter(b, null, 10)).containsExactly(first, other);
        assertThat(store.receivedAfter(c, null, 10)).isEmpty();
        assertThat(store.inbox(b)).containsExactly(new InboxEntry(c, other, 1), new InboxEntry(a, first, 1));
        assertThat(store.bySenderAndClientId(a, same)).contains(first);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSendTheDatabaseRefusesFailsAloneAndTheOthersOfItsBatchAreStoredAndAnswered() throws Exception {
        AccountId a = TestIds.next();
        AccountId b = TestIds.next();
        AccountId c = TestIds.next();
        GroupCommit groupCommit = database().groupCommit();

        List<Outcome> outcomes;
        long transactions;
        try (RefusedText refused = new RefusedText(database());
             HeldBatch held = new HeldBatch(groupCommit, database().messages())) {
            long transactionsBefore = groupCommit.transactions();
            outcomes = held.send(List.of(message(a, b, "before"), message(a, b, RefusedText.TEXT),
                    message(c, b, "after", ClientId.of("k-" + c.value())), message(b, a, "back")));
            transactions = groupCommit.transactions() - transactionsBefore;
        }

        // Together first, then each of the four alone.
        assertThat(transactions).isEqualTo(5);
        assertThat(outcomes.get(1).failure()).isInstanceOf(StoreUnavailable.class);
        Message before = outcomes.get(0).created();
        Message after = outcomes.get(2).created();
        Message back = outcomes.get(3).created();
        MessageStore store = database().messages();
        assertThat(store.receivedAfter(b, null, 10)).containsExactly(before, after);
        assertThat(store.receivedAfter(a, null, 10)).containsExactly(back);
        assertThat(store.inbox(b)).containsExactly(new InboxEntry(a, back, 1), new InboxEntry(c, after, 1));
        assertThat(store.inbox(a)).containsExactly(new InboxEntry(b, back, 1));
    }

    @Test
    void aConversationIsRememberedOnlyOnceItsRowIsCommittedAndKeepsTheIdTheDatabaseGaveIt() throws Exception {
        AccountId a = TestIds.next();
        AccountId b = TestIds.next();
        Conversation pair = Conversation.between(a, b);
        MessageStore store = database().messages();
        try (RefusedText refused = new RefusedText(database())) {
            assertThatThrownBy(() -> store.append(message(a, b, RefusedText.TEXT)))
                    .isInstanceOf(StoreUnavailable.class);
        }
        // The refused send created the pair's row in a transaction that rolled back.
        assertThat(conversationRowId(pair)).isEmpty();
        assertThat(database().conversationIds().of(pair)).isEmpty();

        Message first = store.append(message(a, b, "first")).message();
        // Created by that send's own transaction: not yet known to be committed when it was read.
        assertThat(database().conversationIds().of(pair)).isEmpty();
        Message second = store.append(message(b, a, "second")).message();
        long id = conversationRowId(pair).orElseThrow();
        assertThat(database().conversationIds().of(pair)).hasValue(id);

        Message third = store.append(message(a, b, "third")).message();
        assertThat(conversationRowId(pair)).hasValue(id);
        assertThat(store.page(pair, PageRequest.latest(10)).messages()).containsExactly(first, second, third);
        assertThat(store.inbox(b)).containsExactly(new InboxEntry(a, third, 2));
    }

    private OptionalLong conversationRowId(Conversation pair) throws SQLException {
        try (Connection connection = database().dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select id from conversations where low_account = ? and high_account = ?")) {
            select.setLong(1, pair.low().value());
            select.setLong(2, pair.high().value());
            try (ResultSet row = select.executeQuery()) {
                OptionalLong id = row.next() ? OptionalLong.of(row.getLong(1))
                        : OptionalLong.empty();
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                return id;
            }
        }
    }

    /** A check constraint on the messages that refuses one text (SQLState 23513), for the length of a test. */
    static final class RefusedText implements AutoCloseable {

        static final String TEXT = "a text the database refuses";

        private final ChatDatabase database;

        RefusedText(ChatDatabase database) {
            this.database = database;
            execute("alter table messages add constraint messages_refused_ck check (body <> '" + TEXT + "')");
        }

        @Override
        public void close() {
            execute("alter table messages drop constraint messages_refused_ck");
        }

        private void execute(String sql) {
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static NewMessage message(AccountId from, AccountId to, String text) {
        return message(from, to, text, null);
    }

    static NewMessage message(AccountId from, AccountId to, String text, ClientId clientId) {
        return new NewMessage(from, to, new MessageText(text), SENT, clientId);
    }

    /** What one send was answered: its Appended, or what it threw. */
    record Outcome(Appended appended, Throwable failure) {

        Message created() {
            assertThat(failure).isNull();
            assertThat(appended.created()).isTrue();
            return appended.message();
        }
    }

    /**
     * Holds the next batch before it takes its sends from the queue, then queues the given
     * sends one after the other (each only once the previous one waits), and lets the batch go:
     * the batch then holds exactly these sends, in this order.
     */
    static final class HeldBatch implements AutoCloseable {

        private final GroupCommit groupCommit;
        private final MessageStore store;
        private final CountDownLatch holding = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final ExecutorService callers = Executors.newCachedThreadPool();

        HeldBatch(GroupCommit groupCommit, MessageStore store) {
            this.groupCommit = groupCommit;
            this.store = store;
            AtomicBoolean armed = new AtomicBoolean(true);
            groupCommit.beforeEachBatch(() -> {
                if (armed.getAndSet(false)) {
                    holding.countDown();
                    awaitQuietly(release);
                }
            });
        }

        /** Queues the sends, then lets the batch go and waits for every answer. */
        List<Outcome> send(List<NewMessage> sends) throws InterruptedException {
            List<Future<Appended>> futures = queue(sends);
            release();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Appended> future : futures) {
                outcomes.add(outcome(future));
            }
            return outcomes;
        }

        /** Queues the sends behind the held batch, in this order, and leaves the batch held. */
        List<Future<Appended>> queue(List<NewMessage> sends) throws InterruptedException {
            List<Future<Appended>> futures = new ArrayList<>();
            for (int i = 0; i < sends.size(); i++) {
                NewMessage send = sends.get(i);
                futures.add(callers.submit(() -> store.append(send)));
                if (i == 0) {
                    holding.await();
                }
                while (groupCommit.queued() < i + 1) {
                    Thread.sleep(1);
                }
            }
            return futures;
        }

        void release() {
            release.countDown();
        }

        static Outcome outcome(Future<Appended> future) throws InterruptedException {
            try {
                return new Outcome(future.get(), null);
            } catch (ExecutionException e) {
                return new Outcome(null, e.getCause());
            }
        }

        @Override
        public void close() {
            release.countDown();
            groupCommit.beforeEachBatch(() -> { });
            callers.shutdownNow();
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every id the receiver got, read the way a reconnecting client catches up: only ids above the last one seen. */
    static List<Long> catchUp(MessageStore store, AccountId receiver, AtomicBoolean sending)
            throws InterruptedException {
        List<Long> seen = new ArrayList<>();
        Message last = null;
        boolean finalPass = false;
        while (true) {
            boolean stillSending = sending.get();
            List<Message> batch = store.receivedAfter(receiver, last == null ? null : last.id(), 200);
            for (Message message : batch) {
                seen.add(message.id().value());
                last = message;
            }
            if (batch.isEmpty()) {
                if (!stillSending) {
                    if (finalPass) {
                        return seen;
                    }
                    finalPass = true;
                }
                Thread.sleep(2);
            }
        }
    }
}
