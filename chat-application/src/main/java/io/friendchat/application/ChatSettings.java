package io.friendchat.application;

import io.friendchat.domain.conversation.PageRequest;
import io.friendchat.domain.message.MessageText;

import java.util.Objects;

/**
 * The settings the use cases obey.
 *
 * @param maxMessageLength code points a message may have
 * @param historyLimit     messages a conversation read returns when the caller gives no limit
 * @param defaultPicture   the picture shown for an account without one
 */
public record ChatSettings(int maxMessageLength, int historyLimit, String defaultPicture) {

    public static final String DEFAULT_PICTURE = "http://127.0.0.1:9003/register/media/avatars/unknown.jpg";

    public ChatSettings {
        if (maxMessageLength < 1) {
            throw new IllegalArgumentException("the maximum message length must be at least 1");
        }
        if (historyLimit < 1 || historyLimit > PageRequest.MAX_LIMIT) {
            throw new IllegalArgumentException("the history limit must be from 1 to " + PageRequest.MAX_LIMIT);
        }
        Objects.requireNonNull(defaultPicture, "defaultPicture");
    }

    public static ChatSettings defaults() {
        return new ChatSettings(MessageText.DEFAULT_MAX_CODE_POINTS, 1000, DEFAULT_PICTURE);
    }
}
