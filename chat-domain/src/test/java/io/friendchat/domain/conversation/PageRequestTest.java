package io.friendchat.domain.conversation;

import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.message.MessageId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PageRequestTest {

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 1000, 10_000})
    void a_limit_from_1_to_10000_is_a_page(int limit) {
        assertThat(PageRequest.latest(limit).limit()).isEqualTo(limit);
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {0, -1, 10_001})
    void a_limit_outside_1_to_10000_is_invalid(int limit) {
        assertThatThrownBy(() -> PageRequest.latest(limit))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'limit' must be an integer from 1 to 10000.");
    }

    @Test
    void the_latest_page_has_no_before() {
        assertThat(PageRequest.latest(5).beforeId()).isEmpty();
    }

    @Test
    void a_page_before_an_id_keeps_it() {
        assertThat(PageRequest.before(MessageId.of(9), 5).beforeId()).contains(MessageId.of(9));
    }
}
