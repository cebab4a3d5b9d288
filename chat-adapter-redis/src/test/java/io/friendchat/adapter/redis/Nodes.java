package io.friendchat.adapter.redis;

import io.friendchat.application.ChatSettings;
import io.friendchat.application.live.CatchUp;
import io.friendchat.application.local.TokenBucketRateLimiter;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageText;
import io.friendchat.domain.message.NewMessage;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.friendchat.testkit.AccountFixtures;
import io.friendchat.testkit.InMemoryDirectory;
import io.friendchat.testkit.InMemoryMessageStore;
import io.friendchat.testkit.RedisServer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Several nodes of one cluster in one JVM, each with a recording local delivery, sharing one
 * in-memory store as nodes share their database; closes them all.
 */
final class Nodes implements AutoCloseable {

    /** What the nodes' database holds: alice (1) and bob (2), friends, and the messages stored. */
    static final class SharedStore {

        static final AccountId ALICE = AccountId.of(1);
        static final AccountId BOB = AccountId.of(2);
        private static final Instant SENT_AT = Instant.parse("2024-09-28T16:00:23Z");

        final InMemoryDirectory directory = new InMemoryDirectory();
        final InMemoryMessageStore messages = new InMemoryMessageStore();
        final CatchUp catchUp = new CatchUp(directory, directory, messages, ChatSettings.defaults());

        SharedStore() {
            directory.add(AccountFixtures.anAccount(1, "alice").build());
            directory.add(AccountFixtures.anAccount(2, "bob").withFullName("Bob B")
                    .withPicture("http://pictures/bob.jpg").build());
            directory.befriend(ALICE, BOB);
        }

        /** Stores a message from bob to alice, as a send commits it, and returns the event it announces. */
        NewMessageEvent bobSendsAlice(String text) {
            Message stored = messages.append(new NewMessage(BOB, ALICE, MessageText.of(text, MessageText.DEFAULT_MAX_CODE_POINTS), SENT_AT, null))
                    .message();
            return new NewMessageEvent(stored.id().value(), "bob", "alice", text, SENT_AT,
                    "http://pictures/bob.jpg", "Bob B");
        }
    }

    /** One node: its cluster membership, what reached its local sockets, and the presence changes it heard. */
    record Node(RedisCluster cluster, LocalSockets delivered, List<Set<AccountId>> heardOffline,
                List<Set<AccountId>> heardOnline) {

        /** A socket of the account opens here, as the WebSocket adapter's handshake registers it. */
        void open(AccountId account) {
            delivered.opened(account);
            cluster.hold(account);
        }

        /** That socket is gone. */
        void close(AccountId account) {
            cluster.release(account);
            delivered.closed(account);
        }

        /** Every account this node was told went offline, one entry per announcement. */
        List<AccountId> announcedOffline() {
            return heardOffline.stream().flatMap(Set::stream).toList();
        }

        List<AccountId> announcedOnline() {
            return heardOnline.stream().flatMap(Set::stream).toList();
        }
    }

    private final RedisServer server;
    private final Duration ttl;
    private final int ratePerSecond;
    private final List<Node> started = new ArrayList<>();
    private final SharedStore store = new SharedStore();

    Nodes(RedisServer server, Duration ttl, int ratePerSecond) {
        this.server = server;
        this.ttl = ttl;
        this.ratePerSecond = ratePerSecond;
    }

    Node start(String name) {
        return start(name, TokenBucketRateLimiter.perSecond(Math.max(1, ratePerSecond)));
    }

    Node start(String name, RateLimiter localFallback) {
        LocalSockets delivered = new LocalSockets();
        RedisCluster cluster = RedisCluster.connect(
                new RedisSettings(server.url(), name, ttl, ratePerSecond, Duration.ofMillis(500)),
                delivered, localFallback, store.catchUp);
        Node node = new Node(cluster, delivered, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        cluster.onAccountsOffline(node.heardOffline()::add);
        cluster.onAccountsOnline(node.heardOnline()::add);
        started.add(node);
        return node;
    }

    SharedStore store() {
        return store;
    }

    @Override
    public void close() {
        started.forEach(node -> node.cluster().close());
    }
}
