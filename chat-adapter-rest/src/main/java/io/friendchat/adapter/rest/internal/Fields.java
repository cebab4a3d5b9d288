package io.friendchat.adapter.rest.internal;

import java.util.Optional;

/** The named fields of a request body, whichever of the accepted media types carried them. */
public interface Fields {

    /** The field's text: empty when absent, a 400 when present but not a string. */
    Optional<String> text(String name);
}
