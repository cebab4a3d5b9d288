package io.friendchat.adapter.redis;

import io.friendchat.application.local.TokenBucketRateLimiter;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.friendchat.testkit.RedisServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Several nodes of one cluster in one JVM, each with a recording local delivery; closes them all. */
final class Nodes implements AutoCloseable {

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
                delivered, localFallback);
        Node node = new Node(cluster, delivered, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        cluster.onAccountsOffline(node.heardOffline()::add);
        cluster.onAccountsOnline(node.heardOnline()::add);
        started.add(node);
        return node;
    }

    @Override
    public void close() {
        started.forEach(node -> node.cluster().close());
    }
}
