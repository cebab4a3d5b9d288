package io.friendchat.bootstrap;

import io.friendchat.testkit.RedisServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Three standalone servers in this JVM, each on its own free port, sharing one fresh
 * PostgreSQL schema and a redis-server of the test's own (which the test may stop and
 * start again). Skipped where PostgreSQL or redis-server is missing, unless
 * CHAT_REQUIRE_POSTGRES=1 or CHAT_REQUIRE_REDIS=1.
 */
final class ThreeNodes implements AutoCloseable {

    final PostgresSchema schema;
    final RedisServer redis;
    final RunningServer a;
    final RunningServer b;
    final RunningServer c;

    private ThreeNodes(PostgresSchema schema, RedisServer redis, List<RunningServer> nodes) {
        this.schema = schema;
        this.redis = redis;
        this.a = nodes.get(0);
        this.b = nodes.get(1);
        this.c = nodes.get(2);
    }

    /** Starts Redis and the three nodes, one after the other (the first one migrates the schema). */
    static ThreeNodes start(Map<String, String> extraSettings) {
        PostgresSchema schema = PostgresSchema.createOrSkip();
        RedisServer redis = null;
        List<RunningServer> nodes = new ArrayList<>();
        try {
            redis = RedisServer.start();
            Map<String, String> settings = settings(schema, redis);
            settings.putAll(extraSettings);
            for (int i = 0; i < 3; i++) {
                nodes.add(RunningServer.start(settings));
            }
            return new ThreeNodes(schema, redis, nodes);
        } catch (RuntimeException | Error e) {
            nodes.forEach(RunningServer::close);
            if (redis != null) {
                redis.close();
            }
            dropQuietly(schema, e);
            throw e;
        }
    }

    /** What every node of this cluster is started with: the shared schema and Redis. */
    static Map<String, String> settings(PostgresSchema schema, RedisServer redis) {
        return schema.serverSettings(Map.of("CHAT_REDIS_URL", redis.url()));
    }

    List<RunningServer> nodes() {
        return List.of(a, b, c);
    }

    @Override
    public void close() throws Exception {
        try (PostgresSchema dropped = schema; RedisServer stopped = redis) {
            for (RunningServer node : nodes()) {
                node.close();
            }
        }
    }

    private static void dropQuietly(PostgresSchema schema, Throwable cause) {
        try {
            schema.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
