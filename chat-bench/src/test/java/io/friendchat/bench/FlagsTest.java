package io.friendchat.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlagsTest {

    @Test
    void scenarios_and_flags_in_both_spellings() {
        Flags flags = Flags.parse("send", "--pairs", "4", "latency", "--duration=20", "--jfr", "false", "--quiet");

        assertThat(flags.scenarios()).containsExactly("send", "latency");
        assertThat(flags.integer("pairs", 8)).isEqualTo(4);
        assertThat(flags.integer("duration", 10)).isEqualTo(20);
        assertThat(flags.integer("rate", 1000)).isEqualTo(1000);
        assertThat(flags.bool("jfr", true)).isFalse();
        assertThat(flags.bool("quiet", false)).isTrue();
    }

    @Test
    void sizes_may_be_written_with_separators() {
        assertThat(Flags.parse("--messages", "1_000_000").integer("messages", 0)).isEqualTo(1_000_000);
        assertThat(Flags.parse("--messages", "1,000").integer("messages", 0)).isEqualTo(1_000);
    }

    @Test
    void a_size_that_is_not_a_number_names_its_flag() {
        assertThatThrownBy(() -> Flags.parse("--pairs", "many").integer("pairs", 8))
                .hasMessage("--pairs must be an integer, got 'many'");
    }
}
