package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A socket whose every frame is kept, parsed, in arrival order, so that a test can wait
 * for one event among many and afterwards check all of them (none twice, none missing).
 * Used from one test thread at a time.
 */
final class Heard implements AutoCloseable {

    private final SocketClient socket;
    private final List<JsonNode> frames = new ArrayList<>();

    private Heard(SocketClient socket) {
        this.socket = socket;
    }

    static Heard on(RunningServer node, String token, String extraQuery) throws Exception {
        return new Heard(SocketClient.connect(node.socketUri(token, extraQuery)));
    }

    /**
     * A socket that has started: it asks for the catch-up replay (after=0) and waits for the
     * message sent before it opened. Its presence snapshot is taken before the replay is
     * sent, so any PRESENCE event it hears from now on is news, never a snapshot that
     * raced with the news.
     */
    static Heard started(RunningServer node, String token, String events, RunningServer.Answer sentBefore,
                         Duration bound) throws Exception {
        Heard socket = on(node, token, events + "&after=0");
        long id = sentBefore.body().get("id").asLong();
        socket.await(bound, "the catch-up replay of message " + id,
                frame -> frame.path("case").asText().equals("NEW_MESSAGE") && frame.path("id").asLong() == id);
        return socket;
    }

    /** Waits for a frame that matches, among those already kept and those to come; fails past the bound. */
    JsonNode await(Duration bound, String what, Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < frames.size(); checked++) {
                if (wanted.test(frames.get(checked))) {
                    return frames.get(checked);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("not heard within " + bound.toMillis() + " ms: " + what + "; heard "
                        + frames);
            }
            String frame = socket.frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame != null) {
                frames.add(RunningServer.json(frame));
            }
        }
    }

    /** Waits for a frame equal to this one. */
    JsonNode await(Duration bound, JsonNode expected) throws InterruptedException {
        return await(bound, expected.toString(), expected::equals);
    }

    /** Keeps whatever arrives during this time; returns every frame heard so far. */
    List<JsonNode> listen(Duration time) throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            String frame = socket.frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame != null) {
                frames.add(RunningServer.json(frame));
            }
        }
        return all();
    }

    /** Every frame heard so far, including those still queued. */
    List<JsonNode> all() {
        String frame;
        while ((frame = socket.frames.poll()) != null) {
            frames.add(RunningServer.json(frame));
        }
        return List.copyOf(frames);
    }

    /** The ids of the NEW_MESSAGE frames heard so far, in arrival order. */
    List<Long> messageIds() {
        return all().stream().filter(frame -> frame.path("case").asText().equals("NEW_MESSAGE"))
                .map(frame -> frame.get("id").asLong()).toList();
    }

    /** Sends a text frame, as a client does (TYPING). */
    void send(String text) throws Exception {
        socket.send(text);
    }

    boolean closedByServer() {
        return socket.closed.isDone();
    }

    @Override
    public void close() throws Exception {
        socket.close();
    }
}
