package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.message.Appended;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.NewMessage;
import io.friendchat.domain.store.StoreUnavailable;
import io.friendchat.adapter.persistence.GroupCommitCases.HeldBatch;
import io.friendchat.adapter.persistence.GroupCommitCases.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.friendchat.adapter.persistence.GroupCommitCases.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit when the database closes, goes away or stops answering: every caller gets an
 * answer (none waits forever), the failures are StoreUnavailable, and nothing acknowledged is lost.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GroupCommitOutageTest {

    private static final int THREADS = 16;

    @TempDir
    Path directory;

    @Test
    void closingTheDatabaseFailsTheSendsStillQueuedAndRefusesNewOnes() throws Exception {
        DatabaseSettings settings = h2File();
        AccountId a = TestIds.next();
        AccountId b = TestIds.next();
        ChatDatabase database = ChatDatabase.open(settings);
        Thread closing;
        List<Future<Appended>> queued;
        try (HeldBatch held = new HeldBatch(database.groupCommit(), database.messages())) {
            queued = held.queue(List.of(message(a, b, "leads"), message(a, b, "one"), message(b, a, "two"),
                    message(a, b, "three")));
            closing = new Thread(database::close, "closing");
            closing.start();
            // The close takes every queued send, the held writer's own among them, and fails them.
            for (Future<Appended> follower : queued.subList(1, queued.size())) {
                assertThat(HeldBatch.outcome(follower).failure()).isInstanceOf(StoreUnavailable.class);
            }
            held.release();
            assertThat(HeldBatch.outcome(queued.get(0)).failure()).isInstanceOf(StoreUnavailable.class);
        }
        closing.join();
        assertThat(outcome(() -> database.messages().append(message(a, b, "after the close"))).failure())
                .isInstanceOf(StoreUnavailable.class);

        try (ChatDatabase reopened = ChatDatabase.open(settings)) {
            assertThat(reopened.messages().receivedAfter(b, null, 10)).isEmpty();
            assertThat(reopened.messages().receivedAfter(a, null, 10)).isEmpty();
        }
    }

    @Test
    void closingWhileSixteenThreadsSendEndsEveryCallAndKeepsEveryAcknowledgedMessage() throws Exception {
        DatabaseSettings settings = h2File();
        List<AccountId> accounts = accounts();
        ChatDatabase database = ChatDatabase.open(settings);
        Sending sending = new Sending(database, accounts);
        sending.untilAcknowledged(300);
        database.close();
        List<Message> acknowledged = sending.allEnded();

        try (ChatDatabase reopened = ChatDatabase.open(settings)) {
            assertStored(reopened, accounts, acknowledged);
        }
    }

    @Test
    void aDatabaseThatGoesAwayFailsEverySendWaitingAndLosesNothingAcknowledged() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.createSchema();
             TcpProxy proxy = new TcpProxy(PostgresTestDatabase.PORT);
             ChatDatabase database = ChatDatabase.open(postgres.settingsVia(proxy.port(), 4))) {
            List<AccountId> accounts = accounts();
            Sending sending = new Sending(database, accounts);
            sending.untilAcknowledged(300);
            proxy.cut();
            List<Message> acknowledged = sending.allEnded();

            proxy.resume();
            UnreachableDatabaseTest.eventually(
                    () -> database.messages().append(message(accounts.get(0), accounts.get(1), "back")));
            assertStored(database, accounts, acknowledged);
        }
    }

    @Test
    void aDatabaseThatStopsAnsweringFailsTheWholeBatchAtOnceWithoutRetryingEachSend() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.createSchema();
             TcpProxy proxy = new TcpProxy(PostgresTestDatabase.PORT);
             ChatDatabase database = ChatDatabase.open(postgres.settingsVia(proxy.port(), 4))) {
            AccountId a = TestIds.next();
            AccountId b = TestIds.next();
            Message first = database.messages().append(message(a, b, "before")).message();
            GroupCommit groupCommit = database.groupCommit();
            List<Outcome> outcomes = new ArrayList<>();
            long transactions;
            try (HeldBatch held = new HeldBatch(groupCommit, database.messages())) {
                List<NewMessage> batch = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    batch.add(message(i % 2 == 0 ? a : b, i % 2 == 0 ? b : a, "hung " + i));
                }
                List<Future<Appended>> queued = held.queue(batch);
                long before = groupCommit.transactions();
                proxy.freeze();
                held.release();
                for (Future<Appended> send : queued) {
                    outcomes.add(HeldBatch.outcome(send));
                }
                transactions = groupCommit.transactions() - before;
            }
            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isInstanceOf(StoreUnavailable.class));
            // The pool's timeout fails the batch before it begins (0), or the socket's in its transaction (1).
            assertThat(transactions).isLessThanOrEqualTo(1);

            proxy.thaw();
            Message after = UnreachableDatabaseTest.eventually(() -> database.messages().append(message(a, b, "after"))).message();
            assertThat(database.messages().receivedAfter(b, null, 10)).containsExactly(first, after);
            assertThat(database.messages().receivedAfter(a, null, 10)).isEmpty();
        }
    }

    private DatabaseSettings h2File() {
        return new DatabaseSettings("jdbc:h2:file:" + directory.resolve("chat"), "sa", "", 16);
    }

    private static List<AccountId> accounts() {
        List<AccountId> accounts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accounts.add(TestIds.next());
        }
        return accounts;
    }

    /** Every acknowledged message is stored, once, in each receiver's id order. */
    private static void assertStored(ChatDatabase database, List<AccountId> accounts, List<Message> acknowledged) {
        for (AccountId account : accounts) {
            List<Long> stored = database.messages().receivedAfter(account, null, 100_000).stream()
                    .map(message -> message.id().value()).toList();
            TreeSet<Long> expected = new TreeSet<>();
            acknowledged.stream().filter(message -> message.receiver().equals(account))
                    .forEach(message -> expected.add(message.id().value()));
            // Sends failed during a commit may be stored too ("may or may not"); acknowledged ones must be.
            assertThat(stored).doesNotHaveDuplicates().containsAll(expected);
        }
    }

    private static Outcome outcome(Supplier<Appended> send) {
        try {
            return new Outcome(send.get(), null);
        } catch (RuntimeException e) {
            return new Outcome(null, e);
        }
    }

    /** Sixteen threads sending, each until its first failure. */
    private static final class Sending {

        private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        private final List<Future<List<Message>>> senders = new ArrayList<>();
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final Map<Integer, Throwable> lastFailures = new ConcurrentHashMap<>();

        Sending(ChatDatabase database, List<AccountId> accounts) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                senders.add(pool.submit(() -> {
                    List<Message> mine = new ArrayList<>();
                    for (int i = 0; ; i++) {
                        AccountId sender = accounts.get(thread % accounts.size());
                        AccountId receiver = accounts.get((thread + 1 + i % 4) % accounts.size());
                        try {
                            mine.add(database.messages().append(message(sender, receiver, "t" + thread + " #" + i))
                                    .message());
                            acknowledged.incrementAndGet();
                        } catch (RuntimeException e) {
                            lastFailures.put(thread, e);
                            return mine;
                        }
                    }
                }));
            }
        }

        void untilAcknowledged(int count) throws InterruptedException {
            while (acknowledged.get() < count) {
                Thread.sleep(5);
            }
        }

        /** What every thread had acknowledged when it ended; each ended on a StoreUnavailable. */
        List<Message> allEnded() throws Exception {
            List<Message> all = new ArrayList<>();
            try {
                for (Future<List<Message>> sender : senders) {
                    all.addAll(sender.get(100, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(lastFailures).hasSize(THREADS);
            assertThat(lastFailures.values()).allSatisfy(failure -> assertThat(failure).isInstanceOf(StoreUnavailable.class));
            return all;
        }
    }
}
