package io.friendchat.adapter.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A token's payload as a JSON tree, so claims are checked against their JSON types
 * ({@code "7"} and {@code 1.5} are not integers), which typed claim getters blur.
 */
final class Claims {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Claims() {
    }

    /** The payload object, or null when the segment is not a base64url JSON object. */
    static JsonNode parse(String base64UrlPayload) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(base64UrlPayload);
            JsonNode tree = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            return tree != null && tree.isObject() ? tree : null;
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return null;
        }
    }
}
