package io.friendchat.adapter.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.Optional;

/** A JSON object body whose fields are read with their JSON types checked: "7" is not an integer, 7 not a string. */
public final class JsonFields implements Fields {

    private final JsonNode object;

    private JsonFields(JsonNode object) {
        this.object = object;
    }

    static JsonFields parse(byte[] body) {
        JsonNode tree = Json.parse(Utf8.decode(body, "The body"));
        if (!tree.isObject()) {
            throw HttpFailure.invalidRequest("The body must be a JSON object.");
        }
        return new JsonFields(tree);
    }

    public boolean isNull(String name) {
        JsonNode value = object.get(name);
        return value != null && value.isNull();
    }

    @Override
    public Optional<String> text(String name) {
        JsonNode value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw HttpFailure.invalidRequest("'" + name + "' must be a string.");
        }
        if (Utf8.hasLoneSurrogate(value.textValue())) {
            throw HttpFailure.invalidRequest("'" + name + "' is not valid Unicode text (a lone surrogate).");
        }
        return Optional.of(value.textValue());
    }

    /** The field as a JSON integer of any size: empty when absent, a 400 when not an integer. */
    public Optional<BigInteger> integer(String name) {
        JsonNode value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber()) {
            throw HttpFailure.invalidRequest("'" + name + "' must be a whole number.");
        }
        return Optional.of(value.bigIntegerValue());
    }

    /** The field as a JSON boolean: empty when absent, a 400 when not true or false. */
    public Optional<Boolean> bool(String name) {
        JsonNode value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw HttpFailure.invalidRequest("'" + name + "' must be true or false.");
        }
        return Optional.of(value.booleanValue());
    }
}
