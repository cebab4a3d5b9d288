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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis going away is an outage of cross-node delivery only, and Redis's return ends it without a restart. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(40)
class RedisOutageTest {

    private static final AccountId ALICE = Nodes.SharedStore.ALICE;
    private static final AccountId BOB = Nodes.SharedStore.BOB;
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

    private NewMessageEvent stored(String text) {
        return nodes.store().bobSendsAlice(text);
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
        List<NewMessageEvent> sent = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            NewMessageEvent event = stored("text " + i);
            sent.add(event);
            long start = System.nanoTime();
            a.cluster().notifier().deliver(ALICE, event);
            slowest = Math.max(slowest, System.nanoTime() - start);
        }
        assertThat(Duration.ofNanos(slowest)).isLessThan(NOT_BLOCKING);
        Wait.until(NOT_BLOCKING, "node a's socket got all 100", () -> a.delivered().deliveredTo(ALICE).size() == 100);
        assertThat(a.delivered().deliveredTo(ALICE)).containsExactlyElementsOf(sent);
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
            a.cluster().notifier().deliver(BOB, new TypingEvent("alice"));
            a.cluster().notifier().deliver(CAROL, new TypingEvent("alice"));
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
        NewMessageEvent alone = stored("sent while alone");
        a.cluster().notifier().deliver(ALICE, alone);
        Wait.until(NOT_BLOCKING, "node a's socket got it", () -> !a.delivered().deliveredTo(ALICE).isEmpty());
        assertThat(a.delivered().deliveredTo(ALICE)).containsExactly(alone);

        redis.startAgain();
        Wait.until(RECOVERY, "node a joined", () -> a.cluster().isUp());
        b = nodes.start("b");
        Wait.until(RECOVERY, "node a subscribed to alice's events", () -> {
            b.cluster().notifier().deliver(ALICE, stored("through node b"));
            Wait.pause(Duration.ofMillis(50));
            return a.delivered().deliveredTo(ALICE).size() > 1;
        });
    }

    @Test
    void messages_committed_on_another_node_while_redis_was_down_reach_the_socket_once_it_is_back() {
        a = nodes.start("a");
        b = nodes.start("b");
        b.open(ALICE);
        redis.stop();
        Wait.until(Duration.ofSeconds(3), "health says Redis is down", () -> !a.cluster().isUp());
        List<NewMessageEvent> sent = List.of(stored("one"), stored("two"));
        sent.forEach(event -> a.cluster().notifier().deliver(ALICE, event));
        Wait.pause(Duration.ofMillis(300));
        assertThat(b.delivered().deliveredTo(ALICE)).isEmpty();

        redis.startAgain();

        Wait.until(RECOVERY, "node b read them back", () -> b.delivered().deliveredTo(ALICE).size() == 2);
        Wait.pause(Duration.ofMillis(200));
        assertThat(b.delivered().deliveredTo(ALICE)).containsExactlyElementsOf(sent);
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
