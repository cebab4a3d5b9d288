package io.friendchat.adapter.rest.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The {@code time} of the wire: {@code yyyy-MM-dd HH:mm:ss} in the configured zone. */
public final class WireTime {

    private final DateTimeFormatter format;

    public WireTime(ZoneId zone) {
        this.format = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(zone);
    }

    public String format(Instant instant) {
        return format.format(instant);
    }
}
