package io.friendchat.adapter.websocket;

import io.friendchat.domain.live.NewMessageEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Rendering a {@code NEW_MESSAGE} event as the socket's JSON frame, once per event
 * however many sockets receive it. Lives in the adapter's package (in chat-bench)
 * to reach its package-private renderer.
 */
@State(Scope.Benchmark)
public class EventEncodingBench {

    private Frames frames;
    private NewMessageEvent event;

    @Setup
    public void setUp() {
        frames = new Frames(ZoneOffset.UTC);
        event = new NewMessageEvent(18, "ayrei", "ayrei1", "hello 2, a message of ordinary length",
                Instant.parse("2024-09-28T16:00:23Z"), "http://127.0.0.1:9003/register/media/avatars/unknown.jpg",
                "amu ferwe");
    }

    @Benchmark
    public Frame renderNewMessage() {
        return frames.render(event);
    }
}
