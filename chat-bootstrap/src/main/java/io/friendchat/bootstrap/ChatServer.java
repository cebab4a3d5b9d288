package io.friendchat.bootstrap;

import io.friendchat.adapter.rest.grizzly.GrizzlyRest;
import io.friendchat.adapter.rest.grizzly.RequestDeadlines;
import io.friendchat.adapter.websocket.grizzly.SharedPortWebSockets;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * friendchat on one Grizzly server and port: Jersey serves the REST API, Tyrus
 * takes the WebSocket upgrades before them.
 */
public final class ChatServer implements AutoCloseable {

    /** How long one read of a body streamed to the API (one over 64 KiB) may stall before the server gives it up. */
    static final int BODY_READ_TIMEOUT_SECONDS = 3;
    private static final int GRACE_SECONDS = 10;

    private final FriendChat chat;
    private final HttpServer server;
    private final String host;

    private ChatServer(FriendChat chat, HttpServer server, String host) {
        this.chat = chat;
        this.server = server;
        this.host = host;
    }

    /**
     * Starts serving the given friendchat on host and port (0 picks a free port).
     *
     * @param workerThreads threads for blocking request work: at least the database pool's size
     */
    public static ChatServer start(FriendChat chat, String host, int port, int workerThreads) {
        return start(chat, host, port, workerThreads, false);
    }

    /** As {@link #start(FriendChat, String, int, int)}; {@code accessLog} logs each answer (see {@link AccessLog}). */
    static ChatServer start(FriendChat chat, String host, int port, int workerThreads, boolean accessLog) {
        return start(chat, host, port, workerThreads, accessLog, RequestDeadlines.DEFAULTS);
    }

    /** As above, with the deadlines a request's head and body must meet (see {@link RequestDeadlines}). */
    static ChatServer start(FriendChat chat, String host, int port, int workerThreads, boolean accessLog,
                            RequestDeadlines deadlines) {
        ResourceConfig resources = new ResourceConfig().register(chat.restFeature()).register(ChatPage.class);
        chat.metrics().endpoint().ifPresent(resources::registerResources);
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                URI.create("http://" + hostForUri(host) + ":" + port + "/"), resources, false);
        server.getServerConfiguration().setDefaultErrorPageGenerator(new JsonErrorPages());
        GrizzlyRest.protect(server, BODY_READ_TIMEOUT_SECONDS, deadlines);
        chat.metrics().countResponses(server);
        if (accessLog) {
            server.getServerConfiguration().getMonitoringConfig().getWebServerConfig().addProbes(new AccessLog());
        }
        TCPNIOTransport transport = server.getListener("grizzly").getTransport();
        transport.setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                .setPoolName("chat-http").setCorePoolSize(workerThreads).setMaxPoolSize(workerThreads));
        SharedPortWebSockets.attach(server, chat.webSocketEndpoints());
        try {
            // Built while Hibernate started (see FriendChat.Builder#buildStarting); it listens only once that is done.
            chat.awaitReady();
            server.start();
        } catch (BindException e) {
            server.shutdownNow();
            throw new ConfigProblem("Port " + port + " on " + host + " is already in use (set CHAT_PORT to another).");
        } catch (IOException e) {
            server.shutdownNow();
            throw new UncheckedIOException("could not start the HTTP server on " + host + ":" + port, e);
        } catch (RuntimeException | Error e) {
            server.shutdownNow();
            throw e;
        }
        return new ChatServer(chat, server, host);
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The port the server listens on (the real one when 0 was asked). */
    public int port() {
        return server.getListener("grizzly").getPort();
    }

    public URI baseUri() {
        return URI.create("http://" + hostForUri(host) + ":" + port() + "/");
    }

    public FriendChat chat() {
        return chat;
    }

    /**
     * Stops gracefully: closes live sockets with 1001, lets requests in flight
     * finish (up to a grace period), then closes the database pool.
     */
    @Override
    public void close() {
        try {
            chat.liveSessions().closeAll(1001, "The server is shutting down.");
            server.shutdown(GRACE_SECONDS, TimeUnit.SECONDS).get(GRACE_SECONDS + 1L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            server.shutdownNow();
        } finally {
            chat.close();
        }
    }
}
