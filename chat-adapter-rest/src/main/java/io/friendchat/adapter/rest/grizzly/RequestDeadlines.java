package io.friendchat.adapter.rest.grizzly;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a connection that is not a WebSocket may take over each step of a request, so that
 * no client can hold one by sending slowly or not at all: {@code head} from the first byte of a
 * request to the end of its headers, {@code body} from the end of the headers to the end of the
 * body they announce, {@code idle} with no request under way (from the connection's accept or
 * the last answer; zero means no limit).
 */
public record RequestDeadlines(Duration head, Duration body, Duration idle) {

    /** Ten seconds for a head and for a body; idle keep-alive connections live as long as Grizzly's default. */
    public static final RequestDeadlines DEFAULTS =
            new RequestDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30));

    public RequestDeadlines {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(idle, "idle");
        if (head.toMillis() <= 0 || body.toMillis() <= 0 || idle.isNegative()) {
            throw new IllegalArgumentException("head and body deadlines must be positive, idle zero or positive: "
                    + head + ", " + body + ", " + idle);
        }
    }

    /** How often the deadlines are checked: a quarter of the shortest, between 10 ms and 1 s. */
    long checkIntervalMillis() {
        long shortest = Math.min(head.toMillis(), body.toMillis());
        if (!idle.isZero()) {
            shortest = Math.min(shortest, idle.toMillis());
        }
        return Math.max(10, Math.min(1_000, shortest / 4));
    }
}
