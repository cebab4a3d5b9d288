package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.message.AppendOutcome;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.domain.message.NewMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.friendchat.adapter.persistence.GroupCommitCases.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many batches the group commit writes at once: with two in flight (PostgreSQL's
 * setting), the next batch runs its statements and reaches its commit while the last one is
 * still committing; with one (H2's), it starts only once the last one has ended. The first
 * commit is held open here, as a slow log flush would hold it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatchesInFlightTest {

    private ChatDatabase database;
    private final CountDownLatch firstCommitReached = new CountDownLatch(1);
    private final CountDownLatch releaseFirstCommit = new CountDownLatch(1);
    private final AtomicInteger commitsBegun = new AtomicInteger();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void openDatabase() {
        database = ChatDatabase.open(new DatabaseSettings(
                "jdbc:h2:mem:in_flight_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "", 4));
    }

    @AfterEach
    void close() {
        releaseFirstCommit.countDown();
        callers.shutdownNow();
        database.close();
    }

    @Test
    void withTwoInFlightTheNextBatchReachesItsCommitWhileTheLastOneCommits() throws Exception {
        GroupCommit groupCommit = groupCommit(2);
        AccountId b = TestIds.next();
        AccountId d = TestIds.next();

        Future<List<AppendOutcome>> first = firstSendHeldAtItsCommit(groupCommit, b);
        List<AppendOutcome> second = groupCommit.appendAll(List.of(message(TestIds.next(), d, "second")));

        assertThat(commitsBegun.get()).isEqualTo(2);
        assertThat(first.isDone()).isFalse();
        assertThat(second.get(0).appendedOrThrow().created()).isTrue();
        releaseFirstCommit.countDown();
        assertThat(first.get().get(0).appendedOrThrow().created()).isTrue();
        MessageStore store = database.messages();
        assertThat(store.receivedAfter(b, null, 10)).extracting(message -> message.text())
                .containsExactly("first");
        assertThat(store.receivedAfter(d, null, 10)).extracting(message -> message.text())
                .containsExactly("second");
    }

    @Test
    void withOneInFlightTheNextBatchWaitsForTheLastOneToEnd() throws Exception {
        GroupCommit groupCommit = groupCommit(1);

        Future<List<AppendOutcome>> first = firstSendHeldAtItsCommit(groupCommit, TestIds.next());
        NewMessage next = message(TestIds.next(), TestIds.next(), "second");
        Future<List<AppendOutcome>> second = callers.submit(() -> groupCommit.appendAll(List.of(next)));
        while (groupCommit.queued() < 1) {
            Thread.sleep(1);
        }
        // Queued behind the held batch, it has no turn: nothing it could do is left to happen before the release.
        Thread.sleep(200);
        assertThat(commitsBegun.get()).isEqualTo(1);
        assertThat(second.isDone()).isFalse();

        releaseFirstCommit.countDown();
        assertThat(first.get().get(0).appendedOrThrow().created()).isTrue();
        assertThat(second.get().get(0).appendedOrThrow().created()).isTrue();
        assertThat(commitsBegun.get()).isEqualTo(2);
        assertThat(groupCommit.batches()).isEqualTo(2);
    }

    @Test
    void theDialectsSayHowManyBatchesTheyWriteAtOnce() {
        assertThat(SqlDialect.H2.batchesInFlight).isEqualTo(1);
        assertThat(SqlDialect.POSTGRESQL.batchesInFlight).isEqualTo(2);
    }

    /** Sends "first" from a new account to the receiver on a caller's thread; returns once its commit is held. */
    private Future<List<AppendOutcome>> firstSendHeldAtItsCommit(GroupCommit groupCommit, AccountId receiver)
            throws InterruptedException {
        NewMessage first = message(TestIds.next(), receiver, "first");
        Future<List<AppendOutcome>> sent = callers.submit(() -> groupCommit.appendAll(List.of(first)));
        firstCommitReached.await();
        return sent;
    }

    private GroupCommit groupCommit(int inFlight) {
        DataSource held = heldFirstCommit(database.dataSource());
        return new GroupCommit(new BatchWriter(held, new OrderedSends(new SendStatements(SqlDialect.H2))), inFlight);
    }

    /** Connections whose first commit waits for the test's release. */
    private DataSource heldFirstCommit(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection real = (Connection) result;
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (connection, call, callArgs) -> {
                                if (call.getName().equals("commit") && commitsBegun.incrementAndGet() == 1) {
                                    firstCommitReached.countDown();
                                    releaseFirstCommit.await();
                                }
                                return invoke(real, call, callArgs);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
