package io.friendchat.application.live;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.live.Notifier;
import io.friendchat.domain.live.Presence;
import io.friendchat.domain.live.PresenceEvent;

import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Tells the online friends of accounts that went offline or came online without a
 * connection of this node opening or closing: a cluster noticed it (another node died
 * and its presence expired, or this node's presence was restored after an outage).
 * Counts no connection; an account whose presence changed again meanwhile is skipped.
 */
public final class AnnouncePresence {

    private final Accounts accounts;
    private final Friendships friendships;
    private final Presence presence;
    private final Notifier notifier;

    public AnnouncePresence(Accounts accounts, Friendships friendships, Presence presence, Notifier notifier) {
        this.accounts = Objects.requireNonNull(accounts);
        this.friendships = Objects.requireNonNull(friendships);
        this.presence = Objects.requireNonNull(presence);
        this.notifier = Objects.requireNonNull(notifier);
    }

    /** Each of these accounts went offline everywhere: its online friends hear it, unless it is back already. */
    public void offline(Collection<AccountId> gone) {
        Set<AccountId> stillGone = new HashSet<>(gone);
        stillGone.removeAll(presence.onlineAmong(gone));
        announce(stillGone, false);
    }

    /** Each of these accounts came online: its online friends hear it, unless it is gone again. */
    public void online(Collection<AccountId> back) {
        announce(presence.onlineAmong(back), true);
    }

    private void announce(Set<AccountId> changed, boolean online) {
        if (changed.isEmpty()) {
            return;
        }
        for (Account account : accounts.byIds(changed).values()) {
            PresenceEvent event = new PresenceEvent(account.username().value(), online);
            presence.onlineAmong(friendships.friendsOf(account.id()))
                    .forEach(friend -> notifier.deliver(friend, event));
        }
    }
}
