package io.friendchat.adapter.redis;

import io.friendchat.application.ChatPorts;
import io.friendchat.application.ChatSettings;
import io.friendchat.application.ChatUseCases;
import io.friendchat.application.live.AnnouncePresence;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.PresenceEvent;
import io.friendchat.testkit.InMemoryDirectory;
import io.friendchat.testkit.InMemoryMessageStore;
import io.friendchat.testkit.MutableClock;
import io.friendchat.testkit.RecordingNotifier.Delivery;
import io.friendchat.testkit.StaticTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

/** Online means a connection on any node: the first open and the last close count over all of them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(30)
class ClusterPresenceTest {

    private static final AccountId ALICE = AccountId.of(1);
    private static final AccountId BOB = AccountId.of(2);
    private static final AccountId CAROL = AccountId.of(3);
    private static final Duration SOON = Duration.ofSeconds(5);

    @RegisterExtension
    static final ClusterFixture cluster = ClusterFixture.of(Duration.ofSeconds(3), 20, "a", "b", "c");

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
    void the_first_connection_anywhere_is_first_and_a_second_tab_on_another_node_is_not() {
        assertThat(a.cluster().presence().connected(ALICE)).isTrue();
        assertThat(b.cluster().presence().connected(ALICE)).isFalse();
        assertThat(a.cluster().presence().connected(ALICE)).isFalse();
    }

    @Test
    void only_the_last_connection_anywhere_is_last() {
        a.cluster().presence().connected(ALICE);
        a.cluster().presence().connected(ALICE);
        b.cluster().presence().connected(ALICE);

        assertThat(a.cluster().presence().disconnected(ALICE)).isFalse();
        assertThat(a.cluster().presence().disconnected(ALICE)).isFalse();
        assertThat(c.cluster().presence().isOnline(ALICE)).isTrue();
        assertThat(b.cluster().presence().disconnected(ALICE)).isTrue();
        assertThat(c.cluster().presence().isOnline(ALICE)).isFalse();
    }

    @Test
    void every_node_sees_who_is_online_on_any_node() {
        a.cluster().presence().connected(ALICE);
        b.cluster().presence().connected(BOB);

        assertThat(c.cluster().presence().isOnline(ALICE)).isTrue();
        assertThat(c.cluster().presence().isOnline(CAROL)).isFalse();
        assertThat(c.cluster().presence().onlineAmong(List.of(ALICE, BOB, CAROL))).containsExactlyInAnyOrder(ALICE,
                BOB);
        assertThat(a.cluster().presence().onlineAmong(List.of(ALICE, BOB, CAROL))).containsExactlyInAnyOrder(ALICE,
                BOB);
    }

    @Test
    void a_disconnect_never_counted_here_tells_nothing() {
        b.cluster().presence().connected(ALICE);

        assertThat(a.cluster().presence().disconnected(ALICE)).isFalse();
        assertThat(c.cluster().presence().isOnline(ALICE)).isTrue();
    }

    @Test
    void many_accounts_are_read_in_one_answer() {
        for (long id = 1; id <= 1200; id += 2) {
            b.cluster().presence().connected(AccountId.of(id));
        }
        List<AccountId> all = java.util.stream.LongStream.rangeClosed(1, 1200).mapToObj(AccountId::of).toList();

        Set<AccountId> online = a.cluster().presence().onlineAmong(all);

        assertThat(online).hasSize(600).allMatch(id -> id.value() % 2 == 1);
    }

    @Test
    void presence_events_follow_the_first_open_and_the_last_close_over_all_nodes() {
        World world = new World();
        Account alice = world.add(1, "alice");
        Account bob = world.add(2, "bob");
        world.directory.befriend(alice.id(), bob.id());
        ChatUseCases onA = world.useCasesOn(a);
        ChatUseCases onB = world.useCasesOn(b);
        ChatUseCases onC = world.useCasesOn(c);
        a.open(bob.id());
        assertThat(onA.openLiveSession().open(bob)).isEmpty();

        assertThat(onB.openLiveSession().open(alice)).containsExactly("bob");
        assertThat(onC.openLiveSession().open(alice)).containsExactly("bob");
        onB.closeLiveSession().close(alice);
        onC.closeLiveSession().close(alice);

        Wait.until(SOON, "bob's node heard alice come and go", () -> a.delivered().deliveries().size() >= 2);
        Wait.pause(Duration.ofMillis(300));
        assertThat(a.delivered().deliveries()).containsExactly(
                new Delivery(bob.id(), new PresenceEvent("alice", true)),
                new Delivery(bob.id(), new PresenceEvent("alice", false)));
        assertThat(b.delivered().deliveries()).isEmpty();
        assertThat(c.delivered().deliveries()).isEmpty();
    }

    /** The core over the in-memory kit, one set of use cases per node, all sharing one directory. */
    static final class World {
        final InMemoryDirectory directory = new InMemoryDirectory();
        final InMemoryMessageStore messages = new InMemoryMessageStore();

        Account add(long id, String username) {
            return directory.add(anAccount(id, username).build());
        }

        ChatUseCases useCasesOn(Nodes.Node node) {
            RedisCluster cluster = node.cluster();
            ChatPorts ports = new ChatPorts(directory, directory, messages, cluster.notifier(),
                    cluster.presence(), cluster.rateLimiter(), cluster.typingThrottle(), new StaticTokens(),
                    MutableClock.at("2024-09-28T14:41:27Z"), directory);
            AnnouncePresence announce = new AnnouncePresence(directory, directory, cluster.presence(),
                    cluster.notifier());
            cluster.onAccountsOffline(announce::offline);
            cluster.onAccountsOnline(announce::online);
            return ChatUseCases.over(ports, ChatSettings.defaults());
        }
    }
}
