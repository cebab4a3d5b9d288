package io.friendchat.adapter.websocket;

import io.friendchat.application.access.AllowedOrigins;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How the live socket behaves: the zone of every {@code time} field, how often a
 * socket is pinged, which web origins may open one, and how many frames may wait
 * for a socket before it counts as unable to keep up.
 *
 * @param maxBacklog queued frames per socket; one more closes the socket with 1013
 */
public record WebSocketSettings(ZoneId timeZone, Duration pingInterval, AllowedOrigins allowedOrigins,
                                int maxBacklog) {

    public static final int DEFAULT_MAX_BACKLOG = 1000;

    public WebSocketSettings {
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("the ping interval must be positive, got " + pingInterval);
        }
        if (maxBacklog < 1) {
            throw new IllegalArgumentException("the backlog must hold at least one frame, got " + maxBacklog);
        }
    }

    /** UTC, a ping every 30 seconds, any origin, 1000 frames of backlog: API.md's defaults. */
    public static WebSocketSettings defaults() {
        return new WebSocketSettings(ZoneOffset.UTC, Duration.ofSeconds(30), AllowedOrigins.any(),
                DEFAULT_MAX_BACKLOG);
    }
}
