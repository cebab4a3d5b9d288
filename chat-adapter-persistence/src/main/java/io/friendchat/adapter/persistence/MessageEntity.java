package io.friendchat.adapter.persistence;

import io.friendchat.domain.message.Message;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** A row of {@code messages}; written by {@link SendStatements}, read through Hibernate. */
@Entity(name = "Message")
@Table(name = "messages")
@Immutable
class MessageEntity {

    // Drawn by the database (IDENTITY) after the receiver's mailbox is locked; never a pooled sequence.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "conversation_id", nullable = false)
    long conversationId;

    @Column(name = "sender_id", nullable = false)
    long senderId;

    @Column(name = "receiver_id", nullable = false)
    long receiverId;

    @Column(name = "body", nullable = false)
    String body;

    @Column(name = "sent_at", nullable = false)
    Instant sentAt;

    @Column(name = "client_id")
    String clientId;

    Message toDomain() {
        return Message.restore(id, senderId, receiverId, body, sentAt, clientId);
    }
}
