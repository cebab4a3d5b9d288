package io.friendchat.bootstrap;

import io.friendchat.bootstrap.metrics.ChatMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Consumer;

/** Starts the standalone server from its configuration and logs, in one line, where it serves. */
final class StandaloneServer {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneServer.class);

    private StandaloneServer() {
    }

    static ChatServer start(ServerConfig config, PrintStream out) {
        return start(config, out, server -> { });
    }

    /**
     * Starts, and hands the listening server to {@code whenListening} before the demo provisions
     * anything: a shutdown hook registered there also covers a stop asked for during the demo.
     */
    static ChatServer start(ServerConfig config, PrintStream out, Consumer<ChatServer> whenListening) {
        ServerConfig effective = config.jwtSecret() != null ? config : config.withJwtSecret(generatedSecret());
        FriendChat chat = FriendChat.builder()
                .database(effective.database())
                .jwtSecret(effective.jwtSecret())
                .rateLimit(effective.rateLimit())
                .chatSettings(effective.chat())
                .timeZone(effective.timeZone())
                .twoFactorUrl(effective.twoFactorUrl())
                .allowedOrigins(effective.allowedOrigins())
                .pingInterval(effective.pingInterval())
                .adminToken(effective.adminToken())
                .redis(effective.redisUrl(), "node-" + effective.port())
                .metrics(effective.metrics() ? ChatMetrics.prometheus() : ChatMetrics.off())
                .buildStarting();
        ChatServer server;
        try {
            // Every blocking request holds a worker while it waits for a pooled connection.
            server = ChatServer.start(chat, effective.host(), effective.port(),
                    effective.database().maxPoolSize() + 4, effective.accessLog(),
                    effective.requestDeadlines());
        } catch (RuntimeException | Error e) {
            chat.close();
            throw e;
        }
        LOG.info("friendchat listening on {} (database: {}) - started in {} ms", server.baseUri(),
                effective.database().describe(), sinceProcessStart().toMillis());
        whenListening.accept(server);
        if (effective.demo()) {
            Demo.run(server, effective, config.jwtSecret() == null, out);
        }
        return server;
    }

    static void stop(ChatServer server) {
        server.close();
        LOG.info("friendchat stopped");
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Since the JVM started. Not ProcessHandle's start instant: on Linux it counts from the boot
     * time in whole seconds, and was up to a second early (a start of 1.4 s logged as 2.4 s).
     */
    private static Duration sinceProcessStart() {
        return Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
