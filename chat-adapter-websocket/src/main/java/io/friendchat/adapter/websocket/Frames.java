package io.friendchat.adapter.websocket;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.friendchat.domain.live.LiveEvent;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.live.PresenceEvent;
import io.friendchat.domain.live.ReadEvent;
import io.friendchat.domain.live.TypingEvent;

import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Renders live events as the socket's JSON frames, with the wire's names ("reciver", "full-name"). */
final class Frames {

    private static final Frame RESYNC = new Frame("{\"case\":\"RESYNC\"}", 0);

    private final ObjectMapper json = new ObjectMapper();
    private final DateTimeFormatter time;

    Frames(ZoneId timeZone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(timeZone);
    }

    /** A start frame (catch-up replay). */
    Frame render(LiveEvent event) {
        return new Frame(text(event), messageId(event));
    }

    /** A frame of an event handed to {@link LiveSessions#deliver} at {@code handedAt}. */
    Frame pushed(LiveEvent event, long handedAt) {
        return new Frame(text(event), messageId(event), event.kind(), handedAt);
    }

    Frame presence(String account, boolean online) {
        return new Frame(presenceText(account, online), 0);
    }

    private String text(LiveEvent event) {
        if (event instanceof NewMessageEvent m) {
            return write(new NewMessageFrame("NEW_MESSAGE", time.format(m.sentAt()), m.text(), m.sender(),
                    m.senderPicture(), m.senderFullName(), m.id(), m.receiver()));
        }
        if (event instanceof PresenceEvent p) {
            return presenceText(p.account(), p.online());
        }
        if (event instanceof TypingEvent t) {
            return write(new TypingFrame("TYPING", t.sender()));
        }
        ReadEvent r = (ReadEvent) event;
        return write(new ReadFrame("READ", r.reader(), r.upTo()));
    }

    private static long messageId(LiveEvent event) {
        return event instanceof NewMessageEvent m ? m.id() : 0;
    }

    private String presenceText(String account, boolean online) {
        return write(new PresenceFrame("PRESENCE", account, online));
    }

    Frame resync() {
        return RESYNC;
    }

    private String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record NewMessageFrame(@JsonProperty("case") String kind, String time, String message, String sender,
                                   String picture, @JsonProperty("full-name") String fullName, long id,
                                   String reciver) {
    }

    private record PresenceFrame(@JsonProperty("case") String kind, String account, boolean online) {
    }

    private record TypingFrame(@JsonProperty("case") String kind, String sender) {
    }

    private record ReadFrame(@JsonProperty("case") String kind, String reader, @JsonProperty("up_to") long upTo) {
    }
}
