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

import static org.assertj.core.api.Assertions.assertThat;

/** Events reach exactly the nodes that hold connections of their account, once each. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(30)
class FanOutTest {

    private static final AccountId ALICE = AccountId.of(1);
    private static final AccountId BOB = AccountId.of(2);
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

    private static NewMessageEvent message(long id, String text) {
        return new NewMessageEvent(id, "bob", "alice", text, Instant.parse("2024-09-28T16:00:23Z"),
                "http://pictures/bob.jpg", "Bob B");
    }

    @Test
    void only_the_node_holding_the_account_receives_its_events() {
        b.open(ALICE);

        a.cluster().notifier().deliver(ALICE, message(18, "hello 2"));

        Wait.until(SOON, "node b got the event", () -> !b.delivered().deliveries().isEmpty());
        // A marker sent after it to an account node c holds shows c has seen everything before.
        c.open(BOB);
        a.cluster().notifier().deliver(BOB, new TypingEvent("alice"));
        Wait.until(SOON, "node c got the marker", () -> !c.delivered().deliveries().isEmpty());
        assertThat(b.delivered().arrived()).containsExactly(new Delivery(ALICE, message(18, "hello 2")));
        assertThat(c.delivered().arrived()).containsExactly(new Delivery(BOB, new TypingEvent("alice")));
    }

    @Test
    void the_publishing_node_delivers_to_its_own_sockets_directly_and_once() {
        a.open(ALICE);
        b.open(ALICE);

        a.cluster().notifier().deliver(ALICE, message(18, "hello 2"));

        assertThat(a.delivered().deliveries()).containsExactly(new Delivery(ALICE, message(18, "hello 2")));
        Wait.until(SOON, "node b got the event", () -> !b.delivered().deliveries().isEmpty());
        a.cluster().notifier().deliver(ALICE, message(19, "marker"));
        Wait.until(SOON, "node b got the marker", () -> b.delivered().deliveries().size() == 2);
        assertThat(a.delivered().deliveries()).containsExactly(
                new Delivery(ALICE, message(18, "hello 2")), new Delivery(ALICE, message(19, "marker")));
        assertThat(b.delivered().deliveries()).containsExactly(
                new Delivery(ALICE, message(18, "hello 2")), new Delivery(ALICE, message(19, "marker")));
        assertThat(c.delivered().arrived()).isEmpty();
    }

    @Test
    void two_nodes_holding_one_account_each_get_every_event_once_and_in_order() {
        b.open(ALICE);
        c.open(ALICE);

        for (int i = 1; i <= 50; i++) {
            a.cluster().notifier().deliver(ALICE, message(i, "message " + i));
        }

        Wait.until(SOON, "both nodes got all 50", () -> b.delivered().deliveries().size() >= 50
                && c.delivered().deliveries().size() >= 50);
        Wait.pause(Duration.ofMillis(200));
        assertThat(b.delivered().deliveredTo(ALICE)).extracting(event -> ((NewMessageEvent) event).id())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(c.delivered().deliveredTo(ALICE)).isEqualTo(b.delivered().deliveredTo(ALICE));
        assertThat(a.delivered().arrived()).hasSize(50);
        assertThat(a.delivered().deliveries()).isEmpty();
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
        a.cluster().notifier().deliver(ALICE, message(1, "still held"));
        Wait.until(SOON, "node b got the first", () -> b.delivered().deliveries().size() == 1);

        b.close(ALICE);
        a.cluster().notifier().deliver(ALICE, message(2, "released"));
        b.open(BOB);
        a.cluster().notifier().deliver(BOB, message(3, "marker"));

        Wait.until(SOON, "node b got the marker", () -> b.delivered().deliveries().size() == 2);
        assertThat(b.delivered().arrived()).containsExactly(
                new Delivery(ALICE, message(1, "still held")), new Delivery(BOB, message(3, "marker")));
    }

    @Test
    void every_kind_of_event_crosses_nodes_unchanged() {
        b.open(ALICE);
        NewMessageEvent odd = new NewMessageEvent(7, "b:o~b", "a|l\ni:ce", "12:~ tricky\r\n\u00e9\uD83D\uDE00 ",
                Instant.parse("2024-09-28T16:00:23.123456Z"), "", "");

        a.cluster().notifier().deliver(ALICE, odd);
        a.cluster().notifier().deliver(ALICE, new PresenceEvent("bob", false));
        a.cluster().notifier().deliver(ALICE, new TypingEvent("bob"));
        a.cluster().notifier().deliver(ALICE, new io.friendchat.domain.live.ReadEvent("bob", 42));

        Wait.until(SOON, "node b got all four", () -> b.delivered().deliveries().size() == 4);
        assertThat(b.delivered().deliveredTo(ALICE)).containsExactly(odd, new PresenceEvent("bob", false),
                new TypingEvent("bob"), new io.friendchat.domain.live.ReadEvent("bob", 42));
    }
}
