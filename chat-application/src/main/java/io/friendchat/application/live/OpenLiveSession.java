package io.friendchat.application.live;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.live.Notifier;
import io.friendchat.domain.live.Presence;
import io.friendchat.domain.live.PresenceEvent;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An account opened a live connection: it is online now. On its first connection
 * its online friends hear of it; the caller gets the friends online now.
 */
public final class OpenLiveSession {

    private final Accounts accounts;
    private final Friendships friendships;
    private final Presence presence;
    private final Notifier notifier;

    public OpenLiveSession(Accounts accounts, Friendships friendships, Presence presence, Notifier notifier) {
        this.accounts = Objects.requireNonNull(accounts);
        this.friendships = Objects.requireNonNull(friendships);
        this.presence = Objects.requireNonNull(presence);
        this.notifier = Objects.requireNonNull(notifier);
    }

    /** The usernames of the account's friends who are online now, for the presence snapshot. */
    public List<String> open(Account account) {
        boolean first = presence.connected(account.id());
        Set<AccountId> friends = friendships.friendsOf(account.id());
        Set<AccountId> online = presence.onlineAmong(friends);
        if (first) {
            PresenceEvent event = new PresenceEvent(account.username().value(), true);
            online.forEach(friend -> notifier.deliver(friend, event));
        }
        return accounts.byIds(online).values().stream()
                .map(friend -> friend.username().value())
                .sorted()
                .toList();
    }
}
