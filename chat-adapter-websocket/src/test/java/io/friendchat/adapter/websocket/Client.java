package io.friendchat.adapter.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A real Tyrus client that keeps every text frame it receives and how it was closed. */
final class Client extends Endpoint implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ClientManager MANAGER = ClientManager.createClient();

    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Consumer<Session> onOpen;
    private volatile Session session;

    private Client(Consumer<Session> onOpen) {
        this.onOpen = onOpen;
    }

    static Client connect(URI uri) {
        return connect(uri, Map.of(), session -> { });
    }

    /** Connects with extra handshake headers; {@code onOpen} runs in the client's open callback. */
    static Client connect(URI uri, Map<String, String> headers, Consumer<Session> onOpen) {
        Client client = new Client(onOpen);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> request) {
                        headers.forEach((name, value) -> request.put(name, new ArrayList<>(List.of(value))));
                    }
                }).build();
        try {
            MANAGER.connectToServer(client, config, uri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (jakarta.websocket.DeploymentException e) {
            throw new IllegalStateException(e);
        }
        return client;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) frames::add);
        onOpen.accept(session);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closed.complete(closeReason);
    }

    /** The next frame as JSON, within 5 s. */
    JsonNode next() {
        try {
            String frame = frames.poll(5, TimeUnit.SECONDS);
            if (frame == null) {
                fail("no frame within 5 s");
            }
            return JSON.readTree(frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the next frame is this JSON (as a tree: key order and spacing are free). */
    void expect(String json) {
        assertThat(next()).isEqualTo(tree(json));
    }

    void expectNothingFor(Duration quiet) {
        try {
            assertThat(frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)).isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    CloseReason awaitClose() {
        try {
            return closed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the socket was not closed within 5 s", e);
        }
    }

    void send(String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isOpen() {
        return session != null && session.isOpen() && !closed.isDone();
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (session != null && session.isOpen()) {
                session.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
    }
}
