package io.friendchat.adapter.rest.internal;

import java.util.Map;
import java.util.Optional;

/** Fields of a form or multipart body: every value is a string. */
record TextFields(Map<String, String> values) implements Fields {

    @Override
    public Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
