package io.friendchat.adapter.redis;

import io.friendchat.testkit.RedisServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Redis server for a test class and, for each test, an emptied Redis with fresh named nodes of one
 * cluster on it; register it as a static {@code @RegisterExtension} field.
 */
final class ClusterFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Duration ttl;
    private final int ratePerSecond;
    private final List<String> names;
    private final Map<String, Nodes.Node> running = new HashMap<>();
    private RedisServer redis;
    private Nodes nodes;

    private ClusterFixture(Duration ttl, int ratePerSecond, List<String> names) {
        this.ttl = ttl;
        this.ratePerSecond = ratePerSecond;
        this.names = names;
    }

    /** Nodes with these names, started in this order before each test, with this presence TTL and rate. */
    static ClusterFixture of(Duration ttl, int ratePerSecond, String... names) {
        return new ClusterFixture(ttl, ratePerSecond, List.of(names));
    }

    RedisServer redis() {
        return redis;
    }

    /** The database the current test's nodes share. */
    Nodes.SharedStore store() {
        return nodes.store();
    }

    /** The node of that name started for the current test. */
    Nodes.Node node(String name) {
        Nodes.Node node = running.get(name);
        if (node == null) {
            throw new IllegalStateException("no node " + name + " is running");
        }
        return node;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = RedisServer.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        redis.flush();
        nodes = new Nodes(redis, ttl, ratePerSecond);
        names.forEach(name -> running.put(name, nodes.start(name)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        running.clear();
        if (nodes != null) {
            nodes.close();
            nodes = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (redis != null) {
            redis.close();
        }
    }
}
