package io.friendchat.bootstrap;

import io.friendchat.adapter.persistence.DatabaseSettings;
import io.friendchat.adapter.rest.grizzly.GrizzlyRest;
import io.friendchat.adapter.websocket.grizzly.SharedPortWebSockets;
import io.friendchat.bootstrap.metrics.ChatMetrics;
import io.friendchat.testkit.InMemoryDirectory;
import io.friendchat.testkit.InMemoryMessageStore;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's way into chat-bootstrap (same package, so it reaches what
 * {@code main} uses): the real standalone server started exactly as {@code main}
 * starts it, and the baseline server, built with {@link ChatServer#start}'s recipe
 * but serving a bench-only no-op resource beside the chat API.
 */
public final class BenchServers {

    private BenchServers() {
    }

    /** Sends the server's JUL logs (Grizzly, Jersey, Tyrus) through SLF4J, as {@code main} does. */
    public static void configureLogs() {
        Logs.configure();
    }

    /** The real server, from {@code CHAT_*} settings, through the code {@code main} runs. */
    public static ChatServer startStandalone(Map<String, String> environment, PrintStream out) {
        ServerConfig config = ServerConfig.load(environment, List.of(), false);
        return StandaloneServer.start(config, out);
    }

    /** The database the same settings name (for the bulk loader and for counting stored rows). */
    public static DatabaseSettings database(Map<String, String> environment) {
        return ServerConfig.load(environment, List.of(), false).database();
    }

    /**
     * The same Grizzly + Jersey + Tyrus stack, filters, error pages, guards, worker pool, metrics
     * and access log as {@link ChatServer#start} with the standalone server's defaults, with
     * {@code extraResource} mounted beside the chat API (whose stores are in memory: the baseline
     * never reaches them).
     */
    public static BaselineServer startBaseline(String host, Class<?> extraResource, String jwtSecret) {
        InMemoryDirectory directory = new InMemoryDirectory();
        FriendChat chat = FriendChat.builder()
                .accounts(directory).friendships(directory)
                .messages(new InMemoryMessageStore())
                .jwtSecret(jwtSecret)
                .rateLimit(0)
                .metrics(ChatMetrics.prometheus())
                .build();
        int workers = DatabaseSettings.DEFAULT_POOL_SIZE + 4;
        ResourceConfig resources = new ResourceConfig().register(chat.restFeature()).register(ChatPage.class)
                .register(extraResource);
        chat.metrics().endpoint().ifPresent(resources::registerResources);
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://" + host + ":0/"),
                resources, false);
        server.getServerConfiguration().setDefaultErrorPageGenerator(new JsonErrorPages());
        GrizzlyRest.protect(server, ChatServer.BODY_READ_TIMEOUT_SECONDS);
        // The standalone server's defaults (CHAT_METRICS, CHAT_ACCESS_LOG): every answer counted and logged.
        chat.metrics().countResponses(server);
        server.getServerConfiguration().getMonitoringConfig().getWebServerConfig().addProbes(new AccessLog());
        TCPNIOTransport transport = server.getListener("grizzly").getTransport();
        transport.setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                .setPoolName("chat-http").setCorePoolSize(workers).setMaxPoolSize(workers));
        SharedPortWebSockets.attach(server, chat.webSocketEndpoints());
        try {
            server.start();
        } catch (IOException e) {
            server.shutdownNow();
            chat.close();
            throw new UncheckedIOException(e);
        }
        return new BaselineServer(server, chat);
    }

    /** The baseline's HTTP server and the in-memory friendchat behind its chat API; closing stops both. */
    public record BaselineServer(HttpServer http, FriendChat chat) implements AutoCloseable {

        public int port() {
            return http.getListener("grizzly").getPort();
        }

        @Override
        public void close() {
            http.shutdownNow();
            chat.close();
        }
    }
}
