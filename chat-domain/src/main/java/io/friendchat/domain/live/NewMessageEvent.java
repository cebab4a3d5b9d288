package io.friendchat.domain.live;

import java.time.Instant;

/** A message was stored for the receiving account. */
public record NewMessageEvent(long id, String sender, String receiver, String text, Instant sentAt,
                              String senderPicture, String senderFullName) implements LiveEvent {

    @Override
    public EventKind kind() {
        return EventKind.NEW_MESSAGE;
    }
}
