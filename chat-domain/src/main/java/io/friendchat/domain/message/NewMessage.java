package io.friendchat.domain.message;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;

import java.time.Instant;
import java.util.Objects;

/** A message about to be stored: everything but the id, which the store draws. */
public record NewMessage(AccountId sender, AccountId receiver, MessageText text, Instant sentAt, ClientId clientId) {

    public NewMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    public Conversation conversation() {
        return Conversation.between(sender, receiver);
    }

    /** The stored message this becomes under the given id. */
    public Message withId(MessageId id) {
        return new Message(id, sender, receiver, text.value(), sentAt, clientId);
    }
}
