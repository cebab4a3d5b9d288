package io.friendchat.adapter.redis;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.live.PresenceEvent;
import io.friendchat.domain.live.TypingEvent;
import io.friendchat.testkit.RecordingNotifier.Delivery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Events reach exactly the nodes that hold connections of their account, once each. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(30)
class FanOutTest {

    private static final AccountId ALICE = Nodes.SharedStore.ALICE;
    private static final AccountId BOB = Nodes.SharedStore.BOB;
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

    private NewMessageEvent stored(String text) {
        return cluster.store().bobSendsAlice(text);
    }

    @Test
    void only_the_node_holding_the_account_receives_its_events() {
        b.open(ALICE);
        NewMessageEvent hello = stored("hello 2");

        a.cluster().notifier().deliver(ALICE, hello);

        Wait.until(SOON, "node b got the event", () -> !b.delivered().deliveries().isEmpty());
        // A marker sent after it to an account node c holds shows c has seen everything before.
        c.open(BOB);
        a.cluster().notifier().deliver(BOB, new TypingEvent("alice"));
        Wait.until(SOON, "node c got the marker", () -> !c.delivered().deliveries().isEmpty());
        assertThat(b.delivered().arrived()).containsExactly(new Delivery(ALICE, hello));
        assertThat(c.delivered().arrived()).containsExactly(new Delivery(BOB, new TypingEvent("alice")));
        assertThat(a.delivered().arrived()).containsExactly(new Delivery(BOB, new TypingEvent("alice")));
    }

    @Test
    void the_publishing_node_delivers_to_its_own_sockets_without_redis_and_once() {
        a.open(ALICE);
        b.open(ALICE);
        NewMessageEvent hello = stored("hello 2");

        a.cluster().notifier().deliver(ALICE, hello);

        Wait.until(SOON, "node a got the event", () -> !a.delivered().deliveries().isEmpty());
        Wait.until(SOON, "node b got the event", () -> !b.delivered().deliveries().isEmpty());
        NewMessageEvent marker = stored("marker");
        a.cluster().notifier().deliver(ALICE, marker);
        Wait.until(SOON, "both got the marker", () -> a.delivered().deliveries().size() == 2
                && b.delivered().deliveries().size() == 2);
        Wait.pause(Duration.ofMillis(200));
        assertThat(a.delivered().deliveries()).containsExactly(new Delivery(ALICE, hello), new Delivery(ALICE, marker));
        assertThat(b.delivered().deliveries()).containsExactly(new Delivery(ALICE, hello), new Delivery(ALICE, marker));
        assertThat(c.delivered().arrived()).isEmpty();
    }

    @Test
    void two_nodes_holding_one_account_each_get_every_event_once_and_in_order() {
        b.open(ALICE);
        c.open(ALICE);
        List<NewMessageEvent> sent = new ArrayList<>();

        for (int i = 1; i <= 50; i++) {
            NewMessageEvent event = stored("message " + i);
            sent.add(event);
            a.cluster().notifier().deliver(ALICE, event);
        }

        Wait.until(SOON, "both nodes got all 50", () -> b.delivered().deliveries().size() >= 50
                && c.delivered().deliveries().size() >= 50);
        Wait.pause(Duration.ofMillis(200));
        assertThat(b.delivered().deliveredTo(ALICE)).containsExactlyElementsOf(sent);
        assertThat(c.delivered().deliveredTo(ALICE)).containsExactlyElementsOf(sent);
        assertThat(a.delivered().arrived()).isEmpty();
    }

    @Test
    void a_message_committed_on_another_node_reaches_the_socket_before_a_later_one_committed_here() {
        b.open(ALICE);
        // Committed on node c first, but its event is still on its way when node b commits the next one.
        NewMessageEvent first = stored("committed on c");
        NewMessageEvent second = stored("committed on b");

        b.cluster().notifier().deliver(ALICE, second);
        Wait.until(SOON, "node b delivered both", () -> b.delivered().deliveries().size() >= 2);
        c.cluster().notifier().deliver(ALICE, first);
        NewMessageEvent marker = stored("marker");
        a.cluster().notifier().deliver(ALICE, marker);

        Wait.until(SOON, "node b got the marker", () -> b.delivered().deliveredTo(ALICE).contains(marker));
        Wait.pause(Duration.ofMillis(200));
        assertThat(b.delivered().deliveredTo(ALICE)).containsExactly(first, second, marker);
    }

    @Test
    void a_socket_gets_the_messages_committed_after_its_account_was_held_here_and_none_before() {
        NewMessageEvent before = stored("before the socket");
        b.open(ALICE);
        NewMessageEvent after = stored("after the socket");

        a.cluster().notifier().deliver(ALICE, before);
        a.cluster().notifier().deliver(ALICE, after);

        Wait.until(SOON, "node b got the later one", () -> b.delivered().deliveredTo(ALICE).contains(after));
        Wait.pause(Duration.ofMillis(200));
        assertThat(b.delivered().deliveredTo(ALICE)).containsExactly(after);
    }

    @Test
    void messages_read_back_come_only_from_current_friends_as_a_catch_up_would_give_them() {
        b.open(ALICE);
        NewMessageEvent onItsWay = stored("committed on c, its event still on its way");
        NewMessageEvent here = stored("committed on b");
        cluster.store().directory.unfriend(ALICE, BOB);

        b.cluster().notifier().deliver(ALICE, here);
        Wait.pause(Duration.ofMillis(300));
        c.cluster().notifier().deliver(ALICE, onItsWay);
        cluster.store().directory.befriend(ALICE, BOB);
        NewMessageEvent marker = stored("marker");
        b.cluster().notifier().deliver(ALICE, marker);

        Wait.until(SOON, "node b got the marker", () -> b.delivered().deliveredTo(ALICE).contains(marker));
        Wait.pause(Duration.ofMillis(200));
        assertThat(b.delivered().deliveredTo(ALICE)).containsExactly(marker);
    }

    @Test
    void an_event_published_right_after_hold_returns_is_never_missed() {
        // hold waits for Redis's acknowledgement of the subscription: what is published after it arrives.
        for (long id = 1; id <= 30; id++) {
            AccountId account = AccountId.of(100 + id);
            b.open(account);
            a.cluster().notifier().deliver(account, new PresenceEvent("friend" + id, true));
        }

        Wait.until(SOON, "node b got all 30", () -> b.delivered().deliveries().size() == 30);
    }

    @Test
    void a_node_that_released_its_last_connection_of_the_account_receives_no_more() {
        b.open(ALICE);
        b.open(ALICE);
        b.close(ALICE);
        NewMessageEvent held = stored("still held");
        a.cluster().notifier().deliver(ALICE, held);
        Wait.until(SOON, "node b got the first", () -> b.delivered().deliveries().size() == 1);

        b.close(ALICE);
        a.cluster().notifier().deliver(ALICE, stored("released"));
        b.open(BOB);
        a.cluster().notifier().deliver(BOB, new TypingEvent("alice"));

        Wait.until(SOON, "node b got the marker", () -> b.delivered().deliveries().size() == 2);
        Wait.pause(Duration.ofMillis(200));
        assertThat(b.delivered().arrived()).containsExactly(
                new Delivery(ALICE, held), new Delivery(BOB, new TypingEvent("alice")));
    }

    @Test
    void every_kind_of_event_crosses_nodes_unchanged() {
        b.open(ALICE);
        long id = stored("stored under the odd event's id").id();
        // Delivered as it came when the read finds exactly it: so what crossed is what arrives.
        NewMessageEvent odd = new NewMessageEvent(id, "b:o~b", "a|l\ni:ce", "12:~ tricky\r\n\u00e9\uD83D\uDE00 ",
                Instant.parse("2024-09-28T16:00:23.123456Z"), "", "");

        a.cluster().notifier().deliver(ALICE, odd);
        a.cluster().notifier().deliver(ALICE, new PresenceEvent("bob", false));
        a.cluster().notifier().deliver(ALICE, new TypingEvent("bob"));
        a.cluster().notifier().deliver(ALICE, new io.friendchat.domain.live.ReadEvent("bob", 42));

        Wait.until(SOON, "node b got all four", () -> b.delivered().deliveries().size() == 4);
        assertThat(b.delivered().deliveredTo(ALICE)).containsExactlyInAnyOrder(odd, new PresenceEvent("bob", false),
                new TypingEvent("bob"), new io.friendchat.domain.live.ReadEvent("bob", 42));
    }
}
