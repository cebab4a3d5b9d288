package io.friendchat.adapter.rest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.UncheckedIOException;

/**
 * The one JSON mapper of the adapter. Bodies are parsed to a tree and their types
 * checked by hand; nesting is capped so a hostile body is a 400, not a stack overflow.
 */
public final class Json {

    /** Deeper than any body this API takes, far below what could exhaust a stack. */
    static final int MAX_NESTING = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** An answer with this status and the value written as JSON, whatever the request's Accept says. */
    public static Response response(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(bytes(body)).build();
    }

    public static Response ok(Object body) {
        return response(200, body);
    }

    public static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text parsed as one JSON value; a 400 when it is not exactly one. */
    static JsonNode parse(String text) {
        try {
            JsonNode tree = MAPPER.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw HttpFailure.invalidRequest("The body is empty: send a JSON object.");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw HttpFailure.invalidRequest("The body is not valid JSON.");
        }
    }
}
