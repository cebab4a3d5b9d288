package io.friendchat.adapter.websocket;

import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.live.PresenceEvent;
import io.friendchat.domain.live.ReadEvent;
import io.friendchat.domain.live.TypingEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Every frame the server sends, exactly as API.md writes it. */
class FramesTest {

    private final Frames utc = new Frames(ZoneOffset.UTC);

    @Test
    void new_message_uses_the_wire_names_and_the_configured_zone() {
        NewMessageEvent event = new NewMessageEvent(18, "ayrei", "bob", "hello 2",
                Instant.parse("2024-09-28T16:00:23.987654Z"), "http://x/a.png", "amu ferwe");

        Frame frame = utc.render(event);

        assertThat(Client.tree(frame.text())).isEqualTo(Client.tree("""
                {"case": "NEW_MESSAGE", "time": "2024-09-28 16:00:23", "message": "hello 2", "sender": "ayrei",
                 "picture": "http://x/a.png", "full-name": "amu ferwe", "id": 18, "reciver": "bob"}"""));
        assertThat(frame.messageId()).isEqualTo(18);
        assertThat(new Frames(ZoneId.of("Europe/Paris")).render(event).text()).contains("\"2024-09-28 18:00:23\"");
    }

    @Test
    void keys_come_in_the_order_of_the_note() {
        Frame frame = utc.render(new NewMessageEvent(1, "a", "b", "t", Instant.EPOCH, "p", "f"));

        assertThat(frame.text()).isEqualTo("{\"case\":\"NEW_MESSAGE\",\"time\":\"1970-01-01 00:00:00\","
                + "\"message\":\"t\","
                + "\"sender\":\"a\",\"picture\":\"p\",\"full-name\":\"f\",\"id\":1,\"reciver\":\"b\"}");
    }

    @Test
    void presence_typing_read_and_resync() {
        assertThat(utc.render(new PresenceEvent("bob", false)).text())
                .isEqualTo("{\"case\":\"PRESENCE\",\"account\":\"bob\",\"online\":false}");
        assertThat(utc.render(new TypingEvent("bob")).text()).isEqualTo("{\"case\":\"TYPING\",\"sender\":\"bob\"}");
        assertThat(utc.render(new ReadEvent("bob", 42)).text())
                .isEqualTo("{\"case\":\"READ\",\"reader\":\"bob\",\"up_to\":42}");
        assertThat(utc.resync().text()).isEqualTo("{\"case\":\"RESYNC\"}");
        assertThat(utc.render(new TypingEvent("bob")).messageId()).isZero();
    }
}
