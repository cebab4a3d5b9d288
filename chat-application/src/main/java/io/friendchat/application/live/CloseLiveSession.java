package io.friendchat.application.live;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.live.Notifier;
import io.friendchat.domain.live.Presence;
import io.friendchat.domain.live.PresenceEvent;

import java.util.Objects;
import java.util.Set;

/** An account's live connection closed or was dropped; on its last one its online friends hear it is offline. */
public final class CloseLiveSession {

    private final Friendships friendships;
    private final Presence presence;
    private final Notifier notifier;

    public CloseLiveSession(Friendships friendships, Presence presence, Notifier notifier) {
        this.friendships = Objects.requireNonNull(friendships);
        this.presence = Objects.requireNonNull(presence);
        this.notifier = Objects.requireNonNull(notifier);
    }

    public void close(Account account) {
        if (!presence.disconnected(account.id())) {
            return;
        }
        Set<AccountId> online = presence.onlineAmong(friendships.friendsOf(account.id()));
        PresenceEvent event = new PresenceEvent(account.username().value(), false);
        online.forEach(friend -> notifier.deliver(friend, event));
    }
}
