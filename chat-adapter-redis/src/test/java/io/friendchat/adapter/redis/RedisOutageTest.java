package io.friendchat.adapter.redis;

import io.friendchat.application.local.TokenBucketRateLimiter;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.live.TypingEvent;
import io.friendchat.testkit.RecordingNotifier.Delivery;
import io.friendchat.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis going away is an outage of cross-node delivery only, and Redis's return ends it without a restart. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(40)
class RedisOutageTest {

    private static final AccountId ALICE = AccountId.of(1);
    private static final AccountId BOB = AccountId.of(2);
    private static final AccountId CAROL = AccountId.of(3);
    private static final Duration RECOVERY = Duration.ofSeconds(5);
    /** Far above any local step, far below the command timeout: a call that waited on Redis would exceed it. */
    private static final Duration NOT_BLOCKING = Duration.ofMillis(200);

    private RedisServer redis;
    private Nodes nodes;
    private Nodes.Node a;
    private Nodes.Node b;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
        nodes = new Nodes(redis, Duration.ofSeconds(3), 50);
    }

    @AfterEach
    void stopAll() {
        if (nodes != null) {
            nodes.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static NewMessageEvent message(long id) {
        return new NewMessageEvent(id, "bob", "alice", "text " + id, Instant.parse("2024-09-28T16:00:23Z"), "p", "f");
    }

    @Test
    void while_redis_is_down_each_node_keeps_delivering_to_its_own_sockets_at_once() {
        a = nodes.start("a");
        b = nodes.start("b");
        a.open(ALICE);
        b.open(BOB);
        assertThat(a.cluster().isUp()).isTrue();

        redis.stop();
        Wait.until(Duration.ofSeconds(3), "health says Redis is down", () -> !a.cluster().isUp());

        long slowest = 0;
        for (int i = 1; i <= 100; i++) {
            long start = System.nanoTime();
            a.cluster().notifier().deliver(ALICE, message(i));
            slowest = Math.max(slowest, System.nanoTime() - start);
        }
        assertThat(Duration.ofNanos(slowest)).isLessThan(NOT_BLOCKING);
        assertThat(a.delivered().deliveredTo(ALICE)).hasSize(100);
        a.cluster().notifier().deliver(BOB, new TypingEvent("alice"));
        assertThat(b.cluster().isUp()).isFalse();
        assertThat(a.cluster().unpublished()).isGreaterThanOrEqualTo(101);
    }

    @Test
    void while_redis_is_down_limits_and_presence_answer_for_the_node_alone_without_waiting() {
        a = nodes.start("a", new TokenBucketRateLimiter(1, 2, System::nanoTime));
        redis.stop();
        Wait.until(Duration.ofSeconds(3), "health says Redis is down", () -> !a.cluster().isUp());

        long start = System.nanoTime();
        List<Boolean> granted = List.of(
                a.cluster().rateLimiter().acquire(ALICE).granted(),
                a.cluster().rateLimiter().acquire(ALICE).granted(),
                a.cluster().rateLimiter().acquire(ALICE).granted());
        boolean first = a.cluster().typingThrottle().admit(ALICE, BOB);
        boolean second = a.cluster().typingThrottle().admit(ALICE, BOB);
        a.open(CAROL);
        boolean connected = a.cluster().presence().connected(CAROL);
        boolean online = a.cluster().presence().isOnline(CAROL);
        boolean last = a.cluster().presence().disconnected(CAROL);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // The local fallback allows 1 a second with bursts of 2, where the cluster's limit is 50: it is the one used.
        assertThat(granted).containsExactly(true, true, false);
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(connected).isTrue();
        assertThat(online).isTrue();
        assertThat(last).isTrue();
        assertThat(took).isLessThan(NOT_BLOCKING.multipliedBy(2));
    }

    @Test
    void once_redis_is_back_cross_node_delivery_and_presence_resume_within_five_seconds() {
        a = nodes.start("a");
        b = nodes.start("b");
        b.open(BOB);
        b.cluster().presence().connected(BOB);
        redis.stop();
        Wait.until(Duration.ofSeconds(3), "health says Redis is down", () -> !b.cluster().isUp());
        // A socket opened during the outage: its subscription and presence claim wait for Redis.
        b.open(CAROL);
        b.cluster().presence().connected(CAROL);

        redis.startAgain();
        long back = System.nanoTime();

        Wait.until(RECOVERY, "both nodes up", () -> a.cluster().isUp() && b.cluster().isUp());
        Wait.until(RECOVERY.minusNanos(System.nanoTime() - back), "bob and carol online again, seen from node a",
                () -> a.cluster().presence().onlineAmong(List.of(BOB, CAROL)).size() == 2);
        Wait.until(RECOVERY.minusNanos(System.nanoTime() - back), "events from node a reach node b again", () -> {
            a.cluster().notifier().deliver(BOB, message(1));
            a.cluster().notifier().deliver(CAROL, message(2));
            Wait.pause(Duration.ofMillis(50));
            List<AccountId> reached = b.delivered().deliveries().stream().map(Delivery::recipient).toList();
            return reached.contains(BOB) && reached.contains(CAROL);
        });
        // Redis restarted empty: re-claiming what was online all along is no news to anyone.
        assertThat(a.announcedOnline()).isEmpty();
        assertThat(b.announcedOnline()).isEmpty();
    }

    @Test
    void a_node_started_while_redis_is_down_works_alone_and_joins_once_redis_answers() {
        redis.stop();
        a = nodes.start("a");
        assertThat(a.cluster().isUp()).isFalse();
        a.open(ALICE);
        a.cluster().notifier().deliver(ALICE, message(1));
        assertThat(a.delivered().deliveredTo(ALICE)).containsExactly(message(1));

        redis.startAgain();
        Wait.until(RECOVERY, "node a joined", () -> a.cluster().isUp());
        b = nodes.start("b");
        Wait.until(RECOVERY, "node a subscribed to alice's events", () -> {
            b.cluster().notifier().deliver(ALICE, message(2));
            Wait.pause(Duration.ofMillis(50));
            return a.delivered().deliveredTo(ALICE).contains(message(2));
        });
    }

    @Test
    void a_node_declared_dead_and_back_is_announced_offline_and_online_alike() {
        a = nodes.start("a");
        b = nodes.start("b");
        b.cluster().presence().connected(BOB);

        // As if node b had been cut off longer than its presence lifetime.
        assertThat(redis.answers("DEL " + Keys.node(b.cluster().nodeId()))).isEqualTo(":1");
        Wait.pause(Duration.ofMillis(2500));

        assertThat(a.cluster().presence().isOnline(BOB)).isTrue();
        List<AccountId> offline = concat(a.announcedOffline(), b.announcedOffline());
        List<AccountId> online = concat(a.announcedOnline(), b.announcedOnline());
        assertThat(offline).isSubsetOf(BOB).hasSize(online.size());
        assertThat(online).isSubsetOf(BOB).hasSizeLessThanOrEqualTo(1);
    }

    private static List<AccountId> concat(List<AccountId> first, List<AccountId> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
