package io.friendchat.adapter.redis;

import io.friendchat.domain.live.LiveEvent;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.live.PresenceEvent;
import io.friendchat.domain.live.ReadEvent;
import io.friendchat.domain.live.TypingEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Live events between nodes, as text: the publishing node's id, a kind letter, then the
 * event's fields, each written as its length, a colon and the field itself ({@code ~} for
 * none), so that a message text may hold any character.
 */
final class EventCodec {

    /** An event as one node published it. */
    record Envelope(String origin, LiveEvent event) {
    }

    private EventCodec() {
    }

    static String encode(String origin, LiveEvent event) {
        StringBuilder out = new StringBuilder(128);
        field(out, origin);
        if (event instanceof NewMessageEvent m) {
            field(out, "N");
            field(out, Long.toString(m.id()));
            field(out, m.sender());
            field(out, m.receiver());
            field(out, m.text());
            field(out, m.sentAt() == null ? null : m.sentAt().toString());
            field(out, m.senderPicture());
            field(out, m.senderFullName());
        } else if (event instanceof PresenceEvent p) {
            field(out, "P");
            field(out, p.account());
            field(out, p.online() ? "1" : "0");
        } else if (event instanceof TypingEvent t) {
            field(out, "T");
            field(out, t.sender());
        } else if (event instanceof ReadEvent r) {
            field(out, "R");
            field(out, r.reader());
            field(out, Long.toString(r.upTo()));
        } else {
            throw new IllegalArgumentException("no wire form for " + event.kind());
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when the text is not an encoded event */
    static Envelope decode(String text) {
        List<String> fields = fields(text);
        if (fields.size() < 2) {
            throw new IllegalArgumentException("not a live event");
        }
        String kind = fields.get(1);
        LiveEvent event = switch (kind == null ? "" : kind) {
            case "N" -> {
                expect(fields, 9);
                String sentAt = fields.get(6);
                yield new NewMessageEvent(Long.parseLong(fields.get(2)), fields.get(3), fields.get(4), fields.get(5),
                        sentAt == null ? null : Instant.parse(sentAt), fields.get(7), fields.get(8));
            }
            case "P" -> {
                expect(fields, 4);
                yield new PresenceEvent(fields.get(2), "1".equals(fields.get(3)));
            }
            case "T" -> {
                expect(fields, 3);
                yield new TypingEvent(fields.get(2));
            }
            case "R" -> {
                expect(fields, 4);
                yield new ReadEvent(fields.get(2), Long.parseLong(fields.get(3)));
            }
            default -> throw new IllegalArgumentException("unknown live event kind");
        };
        return new Envelope(fields.get(0), event);
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append('~');
        } else {
            out.append(value.length()).append(':').append(value);
        }
    }

    private static List<String> fields(String text) {
        List<String> fields = new ArrayList<>(9);
        int at = 0;
        while (at < text.length()) {
            if (text.charAt(at) == '~') {
                fields.add(null);
                at++;
                continue;
            }
            int colon = text.indexOf(':', at);
            if (colon < 0) {
                throw new IllegalArgumentException("a field without its length");
            }
            int length = Integer.parseInt(text, at, colon, 10);
            int end = colon + 1 + length;
            if (length < 0 || end > text.length()) {
                throw new IllegalArgumentException("a field longer than the event");
            }
            fields.add(text.substring(colon + 1, end));
            at = end;
        }
        return fields;
    }

    private static void expect(List<String> fields, int count) {
        if (fields.size() != count) {
            throw new IllegalArgumentException("a live event with " + fields.size() + " fields, not " + count);
        }
    }
}
