package io.friendchat.adapter.websocket.violation;

import io.micrometer.core.instrument.Counter;

/** A deliberate violation for ArchitectureTest: an adapter counting with Micrometer itself. */
public final class SocketsCountedWithMicrometer {

    private SocketsCountedWithMicrometer() {
    }

    public static void opened(Counter counter) {
        counter.increment();
    }
}
