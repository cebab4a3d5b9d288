package io.friendchat.adapter.websocket;

import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.access.InvalidToken;
import io.friendchat.domain.live.EventKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a handshake's query and headers are read. */
class ConnectRequestTest {

    @Test
    void the_query_token_wins_over_the_header() {
        ConnectRequest request = new ConnectRequest(Map.of("token", List.of("q")),
                Map.of("Authorization", List.of("Bearer h")));

        assertThat(request.token()).isEqualTo("q");
    }

    @Test
    void a_bearer_header_is_read_ignoring_the_scheme_case_and_anything_else_is_no_token() {
        assertThat(header("BEARER abc").token()).isEqualTo("abc");
        assertThat(header("Basic abc").token()).isNull();
        assertThat(header("Bearer").token()).isNull();
        assertThat(new ConnectRequest(Map.of(), Map.of()).token()).isNull();
    }

    @Test
    void a_token_given_twice_is_refused() {
        ConnectRequest request = new ConnectRequest(Map.of("token", List.of("a", "a")), Map.of());

        assertThatThrownBy(request::token).isInstanceOf(InvalidToken.class);
    }

    @Test
    void events_are_any_subset_in_any_order_written_in_upper_case_and_unknown_names_are_ignored() {
        assertThat(events("READ,PRESENCE").kinds()).containsExactlyInAnyOrder(EventKind.READ, EventKind.PRESENCE);
        assertThat(events("TYPING,typing,NEW_MESSAGE,SOMETHING,").kinds()).containsExactly(EventKind.TYPING);
        assertThat(new ConnectRequest(Map.of(), Map.of()).kinds()).isEmpty();
    }

    @Test
    void after_is_an_integer_of_at_least_zero() {
        assertThat(after("0").after()).isEqualTo(OptionalLong.of(0));
        assertThat(after("9223372036854775807").after()).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
        assertThat(new ConnectRequest(Map.of(), Map.of()).after()).isEmpty();
        for (String bad : List.of("-1", "+1", "1.0", "", " 1", "9223372036854775808", "abc")) {
            assertThatThrownBy(() -> after(bad).after()).as(bad).isInstanceOf(InvalidInput.class);
        }
        assertThatThrownBy(() -> new ConnectRequest(Map.of("after", List.of("1", "2")), Map.of()).after())
                .isInstanceOf(InvalidInput.class);
    }

    private static ConnectRequest header(String authorization) {
        return new ConnectRequest(Map.of(), Map.of("Authorization", List.of(authorization)));
    }

    private static ConnectRequest events(String events) {
        return new ConnectRequest(Map.of("events", List.of(events)), Map.of());
    }

    private static ConnectRequest after(String after) {
        return new ConnectRequest(Map.of("after", List.of(after)), Map.of());
    }
}
