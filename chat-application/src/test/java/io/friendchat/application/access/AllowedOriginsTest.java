package io.friendchat.application.access;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AllowedOriginsTest {

    private final AllowedOrigins two = AllowedOrigins.parse("https://app.example.com,http://localhost:5173");

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\t"})
    void an_unset_or_blank_list_allows_any_origin(String setting) {
        AllowedOrigins origins = AllowedOrigins.parse(setting);

        assertThat(origins.allowsAny()).isTrue();
        assertThat(origins.allows("https://evil.example")).isTrue();
    }

    @Test
    void a_comma_separated_list_is_parsed_in_order_ignoring_spaces_and_empty_items() {
        AllowedOrigins origins = AllowedOrigins.parse(" https://a.example , ,http://b.example:8080,");

        assertThat(origins.origins()).containsExactly("https://a.example", "http://b.example:8080");
        assertThat(origins.allowsAny()).isFalse();
    }

    @Test
    void a_listed_origin_is_allowed() {
        assertThat(two.allows("https://app.example.com")).isTrue();
        assertThat(two.allows("http://localhost:5173")).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://evil.example", "http://app.example.com", "https://app.example.com:8443",
            "http://localhost:5174", "http://localhost", "https://sub.app.example.com", "null", ""})
    void any_other_origin_is_refused(String origin) {
        assertThat(two.allows(origin)).isFalse();
    }

    @Test
    void scheme_and_host_match_ignoring_case() {
        assertThat(two.allows("HTTPS://App.Example.COM")).isTrue();
        assertThat(AllowedOrigins.parse("HTTP://LOCALHOST:5173").allows("http://localhost:5173")).isTrue();
    }

    @Test
    void a_trailing_slash_is_not_part_of_an_origin() {
        assertThat(two.allows("https://app.example.com/")).isTrue();
        assertThat(AllowedOrigins.parse("https://x.example/").allows("https://x.example")).isTrue();
    }

    @Test
    void any_is_the_empty_list() {
        assertThat(AllowedOrigins.any().allowsAny()).isTrue();
        assertThat(new AllowedOrigins(List.of()).allowsAny()).isTrue();
    }

    @Test
    void asking_about_no_origin_is_a_programming_error() {
        assertThatThrownBy(() -> two.allows(null)).isInstanceOf(NullPointerException.class);
    }
}
