package io.friendchat.bench.client;

import io.friendchat.adapter.token.AccessTokenIssuer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's side of the wire: one JDK {@link HttpClient} (HTTP/1.1,
 * keep-alive) for REST calls and the JDK WebSocket client for live sockets,
 * with access tokens signed as the host's login service would.
 */
public final class ChatClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final ExecutorService executor;
    private final HttpClient http;
    private final AccessTokenIssuer issuer;

    public ChatClient(URI base, String jwtSecret) {
        this.base = base;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "bench-client");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.issuer = new AccessTokenIssuer(jwtSecret, Clock.systemUTC());
    }

    public URI base() {
        return base;
    }

    public String token(long accountId) {
        return issuer.issue(accountId, Duration.ofHours(6), false);
    }

    /** {@code POST /chat/message/} with a JSON body. */
    public HttpRequest sendMessage(String token, String toUsername, String text) {
        return post("chat/message/", token, messageJson(toUsername, text));
    }

    /** The baseline's {@code POST /bench/noop/} with the same headers and body as a send. */
    public HttpRequest noopPost(String token, String toUsername, String text) {
        return post("bench/noop/", token, messageJson(toUsername, text));
    }

    public HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build();
    }

    public HttpRequest post(String path, String token, String json) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    public HttpRequest put(String path, String token, String json) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    public HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + ": " + e, e);
        }
    }

    public CompletableFuture<HttpResponse<String>> callAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Opens {@code /ws/connection/?token=...}; completes once the handshake is done. */
    public CompletableFuture<WebSocket> openSocket(long accountId, WebSocket.Listener listener) {
        URI socket = URI.create("ws" + base.toString().substring("http".length()) + "ws/connection/?token="
                + token(accountId));
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(socket, listener);
    }

    static String messageJson(String toUsername, String text) {
        return "{\"account\": \"" + toUsername + "\", \"message\": \"" + text + "\"}";
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
