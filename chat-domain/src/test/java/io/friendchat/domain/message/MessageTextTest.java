package io.friendchat.domain.message;

import io.friendchat.domain.InvalidInput;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MessageTextTest {

    private static final int DEFAULT = MessageText.DEFAULT_MAX_CODE_POINTS;
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, one code point, two UTF-16 units

    @Test
    void an_empty_message_is_refused() {
        assertThatThrownBy(() -> MessageText.of("", DEFAULT))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'message' is empty: write something to send.");
    }

    @Test
    void a_missing_message_is_refused() {
        assertThatThrownBy(() -> MessageText.of(null, DEFAULT))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'message' is required.");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {" ", "   ", "\u00A0", "\u3000", "\u2007", "\t", "\n", "\r\n", "\u000B", "\u000C",
            "\u0085", "\u1680", "\u2000", "\u200A", "\u2028", "\u2029", "\u202F", "\u205F",
            " \u00A0\u3000\u2007\t\n\u0085 "})
    void a_message_made_only_of_unicode_white_space_is_refused(String blank) {
        assertThatThrownBy(() -> MessageText.of(blank, DEFAULT)).isInstanceOf(InvalidInput.class);
    }

    @ParameterizedTest(name = "[{index}] U+{0}")
    @ValueSource(ints = {0x200B, 0x180E, 0xFEFF, 0x2060})
    void a_message_of_an_invisible_character_that_is_not_white_space_is_kept(int codePoint) {
        String text = Character.toString(codePoint);

        assertThat(MessageText.of(text, DEFAULT).value()).isEqualTo(text);
    }

    @Test
    void the_text_is_kept_exactly_as_given_without_trimming() {
        String text = "  hello\u00A0\n\tworld \u3000";

        assertThat(MessageText.of(text, DEFAULT).value()).isEqualTo(text);
    }

    @Test
    void exactly_the_maximum_number_of_code_points_is_accepted() {
        String text = "a".repeat(DEFAULT);

        assertThat(MessageText.of(text, DEFAULT).value()).hasSize(2000);
    }

    @Test
    void one_code_point_over_the_maximum_is_refused() {
        assertThatThrownBy(() -> MessageText.of("a".repeat(DEFAULT + 1), DEFAULT))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'message' is longer than 2000 characters.");
    }

    @Test
    void the_maximum_counts_code_points_so_2000_emoji_fit() {
        String text = EMOJI.repeat(2000);

        assertThat(text).hasSize(4000);
        assertThat(MessageText.of(text, DEFAULT).value()).isEqualTo(text);
    }

    @Test
    void two_thousand_and_one_emoji_are_refused() {
        assertThatThrownBy(() -> MessageText.of(EMOJI.repeat(2001), DEFAULT)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void the_maximum_is_whatever_the_caller_configures() {
        assertThat(MessageText.of("abcde", 5).value()).isEqualTo("abcde");
        assertThatThrownBy(() -> MessageText.of("abcdef", 5))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'message' is longer than 5 characters.");
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"\u0000", "a\u0000b", "hello\u0000"})
    void a_message_containing_u0000_is_refused(String text) {
        assertThatThrownBy(() -> MessageText.of(text, DEFAULT))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'message' contains the character U+0000, which cannot be sent.");
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"\uD83D", "\uDE00", "a\uD83Db", "a\uDE00b", "ok\uD83D", "\uDE00\uD83D", "\uD83D\uD83D\uDE00"})
    void a_message_with_a_lone_surrogate_is_refused(String text) {
        assertThatThrownBy(() -> MessageText.of(text, DEFAULT))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'message' is not valid Unicode text (a lone surrogate).");
    }

    @Test
    void a_well_formed_surrogate_pair_is_accepted() {
        assertThat(MessageText.of("a" + EMOJI + "b", DEFAULT).value()).isEqualTo("a" + EMOJI + "b");
    }
}
