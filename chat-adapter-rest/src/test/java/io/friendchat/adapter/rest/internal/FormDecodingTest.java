package io.friendchat.adapter.rest.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormDecodingTest {

    static Map<String, String> decode(String encoded) {
        return FormDecoding.decode(encoded.getBytes(StandardCharsets.UTF_8), "The query");
    }

    @Test
    void decodesAsTheOriginalServerDid() {
        assertThat(decode("account=a+b%2Bc%40d&message=%F0%9F%91%8B&empty=&bare&&x=1=2"))
                .containsExactly(Map.entry("account", "a b+c@d"), Map.entry("message", "👋"), Map.entry("empty", ""),
                        Map.entry("bare", ""), Map.entry("x", "1=2"));
        assertThat(decode("")).isEmpty();
        assertThat(decode("%61ccount=%7e")).containsExactly(Map.entry("account", "~"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%", "a=%2", "a=%zz", "a=%2G", "%=1", "a=1&a=2", "a=1&b=2&a=1", "a=%C3", "a=%80",
            "a=%F0%9F%91", "a=%ED%A0%80", "a=%C0%AF"})
    void refusesWhatIsMalformed(String encoded) {
        assertThatThrownBy(() -> decode(encoded)).isInstanceOfSatisfying(HttpFailure.class,
                failure -> assertThat(failure.status()).isEqualTo(400));
    }
}
