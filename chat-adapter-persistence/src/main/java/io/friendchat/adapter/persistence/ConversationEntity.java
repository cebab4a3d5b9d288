package io.friendchat.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A row of {@code conversations}: one per pair, lower account id first, with the
 * latest message id and, per side, the read mark and the unread count.
 */
@Entity(name = "Conversation")
@Table(name = "conversations")
@DynamicUpdate
class ConversationEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "low_account", nullable = false)
    long lowAccount;

    @Column(name = "high_account", nullable = false)
    long highAccount;

    @Column(name = "last_message_id")
    Long lastMessageId;

    @Column(name = "low_read_mark", nullable = false)
    long lowReadMark;

    @Column(name = "high_read_mark", nullable = false)
    long highReadMark;

    @Column(name = "low_unread", nullable = false)
    long lowUnread;

    @Column(name = "high_unread", nullable = false)
    long highUnread;

    long readMarkOf(long reader) {
        return reader == lowAccount ? lowReadMark : highReadMark;
    }

    long lastMessageIdOrZero() {
        return lastMessageId == null ? 0 : lastMessageId;
    }

    void markRead(long reader, long mark, long unread) {
        if (reader == lowAccount) {
            lowReadMark = mark;
            lowUnread = unread;
        } else {
            highReadMark = mark;
            highUnread = unread;
        }
    }
}
