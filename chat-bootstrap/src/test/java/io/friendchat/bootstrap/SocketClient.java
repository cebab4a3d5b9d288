package io.friendchat.bootstrap;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (Tyrus) that queues every text frame it receives. */
final class SocketClient extends Endpoint implements AutoCloseable {

    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private Session session;

    static SocketClient connect(URI uri) throws Exception {
        SocketClient client = new SocketClient();
        ClientManager.createClient().connectToServer(client, ClientEndpointConfig.Builder.create().build(), uri);
        return client;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) frames::add);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        closed.complete(reason);
    }

    String next() throws InterruptedException {
        String frame = frames.poll(5, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame arrived within 5 s");
        }
        return frame;
    }

    /** Sends one text frame and waits until it is written. */
    void send(String text) throws Exception {
        session.getBasicRemote().sendText(text);
    }

    @Override
    public void close() throws Exception {
        if (session != null && session.isOpen()) {
            session.close();
        }
    }
}
