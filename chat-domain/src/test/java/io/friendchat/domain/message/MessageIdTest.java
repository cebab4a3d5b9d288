package io.friendchat.domain.message;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MessageIdTest {

    @Test
    void a_message_id_is_a_positive_integer() {
        assertThat(MessageId.of(1).value()).isEqualTo(1);
        assertThatThrownBy(() -> MessageId.of(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void message_ids_order_by_value() {
        assertThat(MessageId.of(9)).isLessThan(MessageId.of(10));
        assertThat(MessageId.of(10).toString()).isEqualTo("10");
    }
}
