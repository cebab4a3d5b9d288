package io.friendchat.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An HTTP answer as a test reads it: status, headers (names in lower case), body. */
record Reply(int status, Map<String, List<String>> headers, String body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** JSON written with single quotes for readability: {@code json("{'vide': true}")}. */
    static JsonNode json(String singleQuoted) {
        return parse(singleQuoted.replace('\'', '"'));
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode json() {
        assertThat(header("content-type")).as("content type of " + body).startsWith("application/json");
        return parse(body);
    }

    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : String.join(", ", values);
    }

    /** Asserts the status and the whole JSON body. */
    Reply is(int expectedStatus, JsonNode expectedBody) {
        assertThat(status).as("status, body " + body).isEqualTo(expectedStatus);
        assertThat(json()).isEqualTo(expectedBody);
        return this;
    }

    /** Asserts an error answer: status, code, and a non-blank sentence, nothing else. */
    Reply isError(int expectedStatus, String code) {
        assertThat(status).as("status, body " + body).isEqualTo(expectedStatus);
        JsonNode json = json();
        assertThat(json.get("code").textValue()).as(body).isEqualTo(code);
        assertThat(json.get("error").isTextual()).isTrue();
        assertThat(json.get("error").textValue()).isNotBlank();
        assertThat(json.size()).as("only error and code in " + body).isEqualTo(2);
        return this;
    }
}
