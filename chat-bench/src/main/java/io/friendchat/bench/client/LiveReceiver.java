package io.friendchat.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One receiver's socket: takes each {@code NEW_MESSAGE} frame as it arrives and
 * hands its text, with the arrival time, to the scenario.
 */
public final class LiveReceiver implements WebSocket.Listener {

    /** Called on the socket's thread for every new message pushed. */
    public interface Delivery {
        void delivered(String text, long arrivedNanos);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Delivery delivery;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong closes = new AtomicLong();
    private final StringBuilder partial = new StringBuilder();

    public LiveReceiver(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        long arrived = System.nanoTime();
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            frames.incrementAndGet();
            try {
                JsonNode event = JSON.readTree(frame);
                if ("NEW_MESSAGE".equals(event.path("case").asText())) {
                    delivery.delivered(event.path("message").asText(), arrived);
                }
            } catch (IOException e) {
                System.err.println("unreadable frame: " + e.getMessage());
            }
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closes.incrementAndGet();
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closes.incrementAndGet();
    }

    public long frames() {
        return frames.get();
    }

    public long closes() {
        return closes.get();
    }
}
