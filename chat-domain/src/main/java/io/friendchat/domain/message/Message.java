package io.friendchat.domain.message;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A stored message. {@code clientId} is null when the sender gave none. */
public record Message(MessageId id, AccountId sender, AccountId receiver, String text, Instant sentAt,
                      ClientId clientId) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    /** Rebuilds a message read back from a store. */
    public static Message restore(long id, long sender, long receiver, String text, Instant sentAt, String clientId) {
        return new Message(MessageId.of(id), AccountId.of(sender), AccountId.of(receiver), text, sentAt,
                clientId == null ? null : new ClientId(clientId));
    }

    public Conversation conversation() {
        return Conversation.between(sender, receiver);
    }

    public Optional<ClientId> optionalClientId() {
        return Optional.ofNullable(clientId);
    }
}
