package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.AccountHandle;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.conversation.PageRequest;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.store.StoreUnavailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database that cannot be reached is a quick StoreUnavailable, never a hang, and the pool heals by itself. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UnreachableDatabaseTest {

    private static final Duration QUICKLY = Duration.ofSeconds(4);

    @Test
    void openingAPostgresUrlOnAClosedPortIsAQuickOneLineStoreUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + closedPort + "/test",
                "chat", "s3cret-password", 4);

        long started = System.nanoTime();
        assertThatThrownBy(() -> ChatDatabase.open(settings))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageStartingWith("Cannot open the database (PostgreSQL 127.0.0.1:" + closedPort + "/test): ")
                .hasMessageNotContaining("s3cret-password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("open failed after " + took.toMillis() + " ms");
        assertThat(took).isLessThan(QUICKLY);
    }

    @Test
    void aStoppedServerIsAQuickFailureThatStoresNothingAndThePoolRecoversWhenItIsBack() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.createSchema();
             TcpProxy proxy = new TcpProxy(PostgresTestDatabase.PORT);
             ChatDatabase database = ChatDatabase.open(postgres.settingsVia(proxy.port(), 4))) {
            AccountId alice = TestIds.next();
            AccountId bob = TestIds.next();
            Message first = database.messages().append(StoresSuite.message(alice, bob, "before")).message();

            proxy.cut();
            assertQuickStoreUnavailable(() -> database.messages().append(StoresSuite.message(alice, bob, "lost")));
            assertQuickStoreUnavailable(() -> database.messages().inbox(alice));
            assertEveryRequestsLookupsQuickStoreUnavailable(database, alice, bob);
            assertThat(database.health().isUp()).isFalse();

            proxy.resume();
            Message after = eventually(() -> database.messages().append(StoresSuite.message(alice, bob, "after"))
                    .message());
            assertThat(database.health().isUp()).isTrue();
            assertThat(database.messages().page(Conversation.between(alice, bob), PageRequest.latest(10)).messages())
                    .containsExactly(first, after);
        }
    }

    @Test
    void aServerThatStopsAnsweringIsAFailureWithinSecondsNotAHang() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.createSchema();
             TcpProxy proxy = new TcpProxy(PostgresTestDatabase.PORT);
             ChatDatabase database = ChatDatabase.open(postgres.settingsVia(proxy.port(), 4))) {
            AccountId alice = TestIds.next();
            AccountId bob = TestIds.next();
            Message first = database.messages().append(StoresSuite.message(alice, bob, "before")).message();

            // The server hangs while a send holds a connection: only the socket timeout ends the wait.
            database.messages().inbox(alice);
            proxy.freeze();
            assertQuickStoreUnavailable(() -> database.messages().append(StoresSuite.message(alice, bob, "hung")));
            assertQuickStoreUnavailable(() -> database.messages().append(StoresSuite.message(alice, bob, "hung too")));
            assertQuickStoreUnavailable(() -> database.messages().receivedAfter(bob, null, 10));
            assertEveryRequestsLookupsQuickStoreUnavailable(database, alice, bob);
            assertThat(database.health().isUp()).isFalse();

            proxy.thaw();
            Message after = eventually(() -> database.messages().append(StoresSuite.message(alice, bob, "after"))
                    .message());
            assertThat(database.messages().page(Conversation.between(alice, bob), PageRequest.latest(10)).messages())
                    .containsExactly(first, after);
        }
    }

    /** The caller's account, a receiver and a friendship: read in plain JDBC, outside Hibernate. */
    private static void assertEveryRequestsLookupsQuickStoreUnavailable(ChatDatabase database, AccountId alice,
                                                                        AccountId bob) {
        assertQuickStoreUnavailable(() -> database.accounts().byId(alice));
        assertQuickStoreUnavailable(() -> database.accounts().resolve(AccountHandle.of("alice")));
        assertQuickStoreUnavailable(() -> database.friendships().areFriends(alice, bob));
    }

    private static void assertQuickStoreUnavailable(Runnable call) {
        long started = System.nanoTime();
        assertThatThrownBy(call::run).isInstanceOf(StoreUnavailable.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("StoreUnavailable after " + took.toMillis() + " ms");
        assertThat(took).isLessThan(QUICKLY);
    }

    /** The first answer within 20 s, failures before it ignored: the pool replaces its broken connections. */
    static <T> T eventually(Supplier<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return call.get();
            } catch (StoreUnavailable e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
