package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.friendchat.adapter.token.AccessTokenIssuer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real standalone server, started through the same code as {@code main()}, and an HTTP client for it;
 * or, through {@link #remote}, only the client, for a server running in another process.
 */
final class RunningServer implements AutoCloseable {

    static final String SECRET = "end-to-end-secret-of-at-least-32-bytes!!";
    static final String ADMIN = "admin-token-for-tests";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Null when the server runs in another process ({@link #remote}). */
    final ChatServer server;
    final String output;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AccessTokenIssuer issuer = new AccessTokenIssuer(SECRET, Clock.systemUTC());

    private RunningServer(ChatServer server, String output, URI base) {
        this.server = server;
        this.output = output;
        this.base = base;
    }

    /** The client alone, for a server at {@code base} that someone else starts and stops. */
    static RunningServer remote(URI base) {
        return new RunningServer(null, "", base);
    }

    /** Starts on a free port with the given extra settings (CHAT_DB_URL and so on). */
    static RunningServer start(Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>();
        environment.put("CHAT_PORT", "0");
        environment.put("CHAT_JWT_SECRET", SECRET);
        environment.put("CHAT_ADMIN_TOKEN", ADMIN);
        environment.putAll(settings);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServerConfig config = ServerConfig.load(environment, List.of(), false);
        ChatServer server = StandaloneServer.start(config, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new RunningServer(server, out.toString(StandardCharsets.UTF_8), server.baseUri());
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    /** The socket address for this access token, with optional extra query (e.g. "&after=0"). */
    URI socketUri(String token, String extraQuery) {
        URI http = uri("/ws/connection/?token=" + token + extraQuery);
        return URI.create("ws" + http.toString().substring("http".length()));
    }

    /** POST /chat/message/ with a JSON body built safely; clientId null leaves it out. */
    Answer sendMessage(String bearer, String account, String message, String clientId) {
        var body = JSON.createObjectNode().put("account", account).put("message", message);
        if (clientId != null) {
            body.put("client_id", clientId);
        }
        return send("POST", "/chat/message/", bearer, body.toString());
    }

    /** The whole conversation with a friend as the caller sees it (data, oldest first); fails unless 200. */
    List<JsonNode> history(String bearer, String friend) {
        Answer answer = get("/chat/conversation/?account=" + friend, bearer);
        if (answer.status() != 200) {
            throw new AssertionError("history with " + friend + ": " + answer.status() + " " + answer.body());
        }
        List<JsonNode> messages = new java.util.ArrayList<>();
        JsonNode data = answer.body().get("data");
        if (data != null) {
            data.forEach(messages::add);
        }
        return messages;
    }

    String token(long userId) {
        return token(userId, Duration.ofHours(1));
    }

    /** An access token that expires this long from now (SimpleJWT's `exp`, in whole seconds). */
    String token(long userId, Duration ttl) {
        return issuer.issue(userId, ttl, false);
    }

    /** A status and a parsed JSON body (null when the body is empty). */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    Answer get(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    Answer send(String method, String path, String bearer, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates an account through the admin API and returns its id. */
    long createAccount(String username, String fullName) {
        Answer created = send("POST", "/admin/accounts/", ADMIN, "{\"username\": \"" + username
                + "\", \"email\": \"" + username + "@example.com\", \"full_name\": \"" + fullName + "\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("account not created: " + created.status() + " " + created.body());
        }
        return created.body().get("id").asLong();
    }

    void befriend(String a, String b) {
        Answer answer = send("PUT", "/admin/friendships/", ADMIN, "{\"a\": \"" + a + "\", \"b\": \"" + b + "\"}");
        if (answer.status() != 200) {
            throw new IllegalStateException("not befriended: " + answer.status() + " " + answer.body());
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
