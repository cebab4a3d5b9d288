package io.friendchat.domain.live;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LiveEventTest {

    @Test
    void each_event_is_of_its_own_kind() {
        assertThat(new NewMessageEvent(1, "a", "b", "hi", Instant.EPOCH, "p", "A").kind())
                .isEqualTo(EventKind.NEW_MESSAGE);
        assertThat(new PresenceEvent("a", true).kind()).isEqualTo(EventKind.PRESENCE);
        assertThat(new TypingEvent("a").kind()).isEqualTo(EventKind.TYPING);
        assertThat(new ReadEvent("a", 3).kind()).isEqualTo(EventKind.READ);
    }

    @Test
    void the_typing_window_is_two_seconds() {
        assertThat(TypingThrottle.WINDOW).hasSeconds(2);
    }
}
