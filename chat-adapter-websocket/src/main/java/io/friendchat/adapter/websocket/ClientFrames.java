package io.friendchat.adapter.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/** Reads what a client sends; the only frame understood is {"case": "TYPING", "account": "<friend>"}. */
final class ClientFrames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientFrames() {
    }

    /** The friend named by a TYPING frame; empty for anything else, which is ignored. */
    static Optional<String> typingTo(String text) {
        try {
            JsonNode frame = JSON.readTree(text);
            if (frame != null && frame.isObject() && frame.path("case").isTextual()
                    && frame.path("case").textValue().equals("TYPING") && frame.path("account").isTextual()) {
                return Optional.of(frame.path("account").textValue());
            }
        } catch (IOException notJson) {
            // Text the server does not understand is ignored.
        }
        return Optional.empty();
    }
}
