package io.friendchat.adapter.websocket;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Client messages are measured in bytes of UTF-8, fragments put together. */
class IncomingMessageTest {

    @Test
    void counts_utf8_bytes_even_when_a_surrogate_pair_is_split_between_parts() {
        String emoji = "\uD83D\uDE00";
        assertThat(IncomingMessage.utf8Length("a\u00e9\u20ac" + emoji))
                .isEqualTo(("a\u00e9\u20ac" + emoji).getBytes(StandardCharsets.UTF_8).length);
        assertThat(IncomingMessage.utf8Length(emoji.substring(0, 1)) + IncomingMessage.utf8Length(emoji.substring(1)))
                .isEqualTo(4);
    }

    @Test
    void exactly_the_limit_passes_and_one_byte_more_is_too_big() {
        IncomingMessage fits = new IncomingMessage();
        assertThat(fits.addText("a".repeat(IncomingMessage.MAX_BYTES - 1), false)).isNull();
        assertThat(fits.addText("a", true)).hasSize(IncomingMessage.MAX_BYTES);
        assertThat(fits.tooBig()).isFalse();

        IncomingMessage over = new IncomingMessage();
        over.addText("a".repeat(IncomingMessage.MAX_BYTES), false);
        assertThat(over.addText("a", true)).isNull();
        assertThat(over.tooBig()).isTrue();
    }

    @Test
    void each_message_starts_from_zero() {
        IncomingMessage incoming = new IncomingMessage();
        for (int i = 0; i < 3; i++) {
            assertThat(incoming.addText("a".repeat(40_000), true)).hasSize(40_000);
            incoming.addBinary(ByteBuffer.allocate(40_000), true);
        }
        assertThat(incoming.tooBig()).isFalse();
        incoming.addBinary(ByteBuffer.allocate(40_000), false);
        incoming.addBinary(ByteBuffer.allocate(40_000), true);
        assertThat(incoming.tooBig()).isTrue();
    }
}
