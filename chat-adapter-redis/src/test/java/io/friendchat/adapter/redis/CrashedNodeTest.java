package io.friendchat.adapter.redis;

import io.friendchat.application.ChatUseCases;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.PresenceEvent;
import io.friendchat.testkit.RecordingNotifier.Delivery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A node that dies without a goodbye: its accounts read offline within the TTL, announced exactly once. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(30)
class CrashedNodeTest {

    private static final Duration TTL = Duration.ofMillis(1500);
    private static final AccountId ALICE = AccountId.of(1);
    private static final AccountId BOB = AccountId.of(2);
    private static final AccountId CAROL = AccountId.of(3);

    @RegisterExtension
    static final ClusterFixture cluster = ClusterFixture.of(TTL, 20, "a", "b", "c");

    private Nodes.Node a;
    private Nodes.Node b;
    private Nodes.Node c;

    @BeforeEach
    void pickNodes() {
        a = cluster.node("a");
        b = cluster.node("b");
        c = cluster.node("c");
    }

    @Test
    void the_accounts_of_a_dead_node_read_offline_within_the_ttl_and_are_announced_once() {
        c.cluster().presence().connected(ALICE);
        c.cluster().presence().connected(BOB);
        b.cluster().presence().connected(BOB);
        assertThat(a.cluster().presence().onlineAmong(List.of(ALICE, BOB))).containsExactlyInAnyOrder(ALICE, BOB);

        long crashedAt = System.nanoTime();
        c.cluster().halt();

        // The last heartbeat came before the crash, so its key expires within the TTL of it (plus polling slack).
        Wait.until(TTL.plusMillis(700), "alice reads offline", () -> !a.cluster().presence().isOnline(ALICE));
        assertThat(Duration.ofNanos(System.nanoTime() - crashedAt)).isLessThanOrEqualTo(TTL.plusMillis(700));
        assertThat(a.cluster().presence().isOnline(BOB)).isTrue();
        Wait.until(Duration.ofSeconds(5), "alice announced offline",
                () -> a.announcedOffline().size() + b.announcedOffline().size() > 0);
        // Give every survivor a few more heartbeats: nobody announces it a second time.
        Wait.pause(TTL);
        assertThat(concat(a.announcedOffline(), b.announcedOffline())).containsExactly(ALICE);
    }

    @Test
    void a_dead_nodes_account_that_is_online_elsewhere_is_never_announced() {
        c.cluster().presence().connected(CAROL);
        a.cluster().presence().connected(CAROL);

        c.cluster().halt();
        Wait.pause(TTL.plus(TTL));

        assertThat(a.announcedOffline()).isEmpty();
        assertThat(b.announcedOffline()).isEmpty();
        assertThat(b.cluster().presence().isOnline(CAROL)).isTrue();
        assertThat(a.cluster().presence().disconnected(CAROL)).isTrue();
    }

    @Test
    void online_friends_on_surviving_nodes_hear_the_dead_nodes_account_go_offline_once() {
        ClusterPresenceTest.World world = new ClusterPresenceTest.World();
        Account alice = world.add(1, "alice");
        Account bob = world.add(2, "bob");
        Account carol = world.add(3, "carol");
        world.directory.befriend(alice.id(), bob.id());
        world.directory.befriend(alice.id(), carol.id());
        ChatUseCases onA = world.useCasesOn(a);
        ChatUseCases onB = world.useCasesOn(b);
        ChatUseCases onC = world.useCasesOn(c);
        a.open(bob.id());
        onA.openLiveSession().open(bob);
        b.open(carol.id());
        onB.openLiveSession().open(carol);
        c.open(alice.id());
        onC.openLiveSession().open(alice);
        Wait.until(Duration.ofSeconds(5), "both friends heard alice come",
                () -> a.delivered().deliveries().size() == 1 && b.delivered().deliveries().size() == 1);

        c.cluster().halt();

        Wait.until(TTL.plusSeconds(3), "both friends heard alice go",
                () -> a.delivered().deliveries().size() >= 2 && b.delivered().deliveries().size() >= 2);
        Wait.pause(TTL);
        assertThat(a.delivered().deliveries()).containsExactly(
                new Delivery(bob.id(), new PresenceEvent("alice", true)),
                new Delivery(bob.id(), new PresenceEvent("alice", false)));
        assertThat(b.delivered().deliveries()).containsExactly(
                new Delivery(carol.id(), new PresenceEvent("alice", true)),
                new Delivery(carol.id(), new PresenceEvent("alice", false)));
    }

    @Test
    void a_node_that_closes_cleanly_announces_its_remaining_accounts_before_it_is_gone() {
        c.cluster().presence().connected(ALICE);

        c.cluster().close();

        assertThat(a.cluster().presence().isOnline(ALICE)).isFalse();
        assertThat(c.announcedOffline()).containsExactly(ALICE);
        Wait.pause(Duration.ofMillis(700));
        assertThat(concat(a.announcedOffline(), b.announcedOffline())).isEmpty();
    }

    private static List<AccountId> concat(List<AccountId> first, List<AccountId> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
