package io.friendchat.domain.message;

import io.friendchat.domain.InvalidInput;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClientIdTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void one_code_point_is_a_client_id() {
        assertThat(ClientId.of("x").value()).isEqualTo("x");
    }

    @Test
    void sixty_four_code_points_are_a_client_id_even_when_they_are_128_utf16_units() {
        String value = EMOJI.repeat(64);

        assertThat(ClientId.of(value).value()).isEqualTo(value);
    }

    @Test
    void an_empty_client_id_is_refused() {
        assertThatThrownBy(() -> ClientId.of(""))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'client_id' must be a string of 1 to 64 characters.");
    }

    @Test
    void sixty_five_code_points_are_refused() {
        assertThatThrownBy(() -> ClientId.of("a".repeat(65))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void sixty_five_emoji_are_refused() {
        assertThatThrownBy(() -> ClientId.of(EMOJI.repeat(65))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_client_id_with_a_lone_surrogate_is_refused() {
        assertThatThrownBy(() -> ClientId.of("id-\uD83D"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'client_id' is not valid Unicode text (a lone surrogate).");
    }

    @Test
    void a_client_id_with_u0000_is_refused_as_the_message_text_is() {
        assertThatThrownBy(() -> ClientId.of("\u0000"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'client_id' contains the character U+0000, which cannot be sent.");
        assertThatThrownBy(() -> ClientId.of("id-\u0000-1")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void white_space_is_a_valid_client_id_because_only_its_length_is_ruled() {
        assertThat(ClientId.of(" ").value()).isEqualTo(" ");
    }
}
