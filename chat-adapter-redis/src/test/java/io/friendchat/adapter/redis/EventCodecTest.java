package io.friendchat.adapter.redis;

import io.friendchat.domain.live.LiveEvent;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.live.PresenceEvent;
import io.friendchat.domain.live.ReadEvent;
import io.friendchat.domain.live.TypingEvent;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Live events as they travel between nodes: every field comes back as it left. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EventCodecTest {

    private static EventCodec.Envelope roundTrip(String origin, LiveEvent event) {
        return EventCodec.decode(EventCodec.encode(origin, event));
    }

    @Test
    void every_kind_comes_back_equal_with_its_origin() {
        List<LiveEvent> events = List.of(
                new NewMessageEvent(18, "bob", "alice", "hello 2", Instant.parse("2024-09-28T16:00:23Z"),
                        "http://127.0.0.1:9003/register/media/avatars/unknown.jpg", "Bob Builder"),
                new PresenceEvent("bob", true),
                new PresenceEvent("bob", false),
                new TypingEvent("bob"),
                new ReadEvent("bob", 9_007_199_254_740_993L));

        for (LiveEvent event : events) {
            assertThat(roundTrip("node-1-abcd", event)).isEqualTo(new EventCodec.Envelope("node-1-abcd", event));
        }
    }

    @Test
    void texts_with_separators_line_breaks_and_any_unicode_come_back_exactly() {
        NewMessageEvent event = new NewMessageEvent(1, "a:b~c", "12:x", "3:abc~\n\r\t|\\\"{}\u0000?\u00e9\uD83D\uDE00 ",
                Instant.parse("2024-09-28T16:00:23.123456Z"), "", "~");

        assertThat(roundTrip("n", event).event()).isEqualTo(event);
    }

    @Test
    void absent_fields_stay_absent() {
        NewMessageEvent event = new NewMessageEvent(1, "bob", "alice", "hi", null, null, null);

        assertThat(roundTrip("n", event).event()).isEqualTo(event);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "1:n", "1:n1:X", "1:n1:P3:bob", "1:n1:T99:bob", "1:n1:Rx", "1:n1:R3:bob1:x"})
    void text_that_is_not_an_event_is_refused(String text) {
        assertThatThrownBy(() -> EventCodec.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
