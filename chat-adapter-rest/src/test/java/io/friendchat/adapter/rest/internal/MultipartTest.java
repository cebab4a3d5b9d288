package io.friendchat.adapter.rest.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartTest {

    static Map<String, String> parse(String body, String boundary) {
        return Multipart.fields(body.getBytes(StandardCharsets.UTF_8), boundary);
    }

    @Test
    void readsFieldsAsBrowsersSendThem() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"account\"\r\n\r\nayrei1\r\n"
                + "--b\r\ncontent-disposition: FORM-DATA; name=message\r\nContent-Type: text/plain\r\n\r\n"
                + "two\r\nlines\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"a;b\\\"c\"\r\n\r\n\r\n"
                + "--b--";

        assertThat(parse(body, "b")).containsExactly(Map.entry("account", "ayrei1"),
                Map.entry("message", "two\r\nlines"), Map.entry("a;b\"c", ""));
    }

    @Test
    void allowsAPreambleAnEpilogueAndPaddingAfterTheBoundary() {
        String body = "ignored preamble\r\n--b  \r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\nbye";

        assertThat(parse(body, "b")).containsExactly(Map.entry("x", "1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n",
            "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b",
            "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1",
            "--b\r\nContent-Disposition: form-data; name=\"x\"",
            "--b\r\nContent-Disposition: form-data; name=\"x\"; filename=\"f.txt\"\r\n\r\n1\r\n--b--",
            "--b\r\nContent-Disposition: form-data; name=\"x\"; filename*=UTF-8''f.txt\r\n\r\n1\r\n--b--",
            "--b\r\nContent-Disposition: form-data\r\n\r\n1\r\n--b--",
            "--b\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--b--",
            "--b\r\nContent-Disposition: form-data; name=\"x\r\n\r\n1\r\n--b--",
            "--b\r\nNo-Colon\r\n\r\n1\r\n--b--",
            "--b\r\n\r\n1\r\n--b--",
            "--bx\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--",
            "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b\r\n"
                    + "Content-Disposition: form-data; name=\"x\"\r\n\r\n2\r\n--b--",
            "",
            "just text"})
    void refusesWhatIsMalformed(String body) {
        assertThatThrownBy(() -> parse(body, "b")).isInstanceOfSatisfying(HttpFailure.class,
                failure -> assertThat(failure.status()).isEqualTo(400));
    }

    @Test
    void refusesAMissingOrOverlongBoundary() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--";
        assertThatThrownBy(() -> parse(body, null)).isInstanceOf(HttpFailure.class);
        assertThatThrownBy(() -> parse(body, "")).isInstanceOf(HttpFailure.class);
        assertThatThrownBy(() -> parse(body, "b".repeat(71))).isInstanceOf(HttpFailure.class);
    }
}
