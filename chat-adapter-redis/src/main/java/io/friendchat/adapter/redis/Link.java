package io.friendchat.adapter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's two connections to Redis: one for commands and publishing, one for
 * subscriptions. Opened lazily (Redis may be down when the node starts), then kept
 * open by Lettuce, which reconnects within a second of Redis's return. While a
 * connection is down its commands fail at once instead of queueing.
 */
final class Link implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Link.class.getName());
    /** Commands Lettuce may queue per connection while Redis is slow; past that they fail at once. */
    private static final int QUEUE_LIMIT = 10_000;

    private final RedisClient client;
    private final ClientResources resources;
    private volatile BiConsumer<String, String> onMessage = (channel, message) -> { };
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile boolean closed;

    /** @param onConnected told of each (re)connection of either connection, on a Lettuce thread */
    Link(RedisSettings settings, Runnable onConnected) {
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.upkeepTimeout());
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(QUEUE_LIMIT)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.upkeepTimeout()).keepAlive(true)
                        .tcpNoDelay(true).build())
                // A command Redis never answers fails after this, so nothing piles up behind a hung server.
                .timeoutOptions(TimeoutOptions.enabled(settings.upkeepTimeout()))
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                onConnected.run();
            }
        });
    }

    /** Where the messages of subscribed channels go (channel, message), on a Lettuce thread; set before connecting. */
    void onMessage(BiConsumer<String, String> handler) {
        this.onMessage = handler;
    }

    /** Opens whichever connection is missing; false when Redis cannot be reached now. */
    synchronized boolean connect() {
        if (closed) {
            return false;
        }
        try {
            if (commands == null) {
                commands = client.connect();
            }
            if (pubsub == null) {
                StatefulRedisPubSubConnection<String, String> subscriptions = client.connectPubSub();
                subscriptions.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        Link.this.onMessage.accept(channel, message);
                    }
                });
                pubsub = subscriptions;
            }
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Redis cannot be reached now", e);
            return false;
        }
    }

    /** Both connections open: commands and cross-node delivery work. */
    boolean isOpen() {
        StatefulRedisConnection<String, String> c = commands;
        StatefulRedisPubSubConnection<String, String> p = pubsub;
        return c != null && p != null && c.isOpen() && p.isOpen();
    }

    /** The command connection, or null before it was ever opened. */
    RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = commands;
        return c == null ? null : c.async();
    }

    /** The subscription connection, or null before it was ever opened. */
    RedisPubSubAsyncCommands<String, String> subscriptions() {
        StatefulRedisPubSubConnection<String, String> p = pubsub;
        return p == null ? null : p.async();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        closeQuietly(pubsub);
        closeQuietly(commands);
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Redis client shutdown", e);
        }
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.FINE, "Redis client resources shutdown", e);
        }
    }

    private static void closeQuietly(StatefulRedisConnection<String, String> connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing a Redis connection", e);
            }
        }
    }
}
