package io.friendchat.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A row of {@code friendships}: two friends, lower account id first. */
@Entity(name = "Friendship")
@Table(name = "friendships")
@IdClass(FriendshipEntity.Key.class)
class FriendshipEntity {

    @Id
    @Column(name = "low_account")
    long lowAccount;

    @Id
    @Column(name = "high_account")
    long highAccount;

    /** The primary key of a friendship row. */
    record Key(long lowAccount, long highAccount) {
    }
}
