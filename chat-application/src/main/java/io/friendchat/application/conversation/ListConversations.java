package io.friendchat.application.conversation;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.conversation.InboxEntry;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.live.Presence;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Lists the caller's inbox: one row per current friend with whom there is a
 * message, the most recent conversation first. A fixed number of calls to the
 * ports whatever the number of partners.
 */
public final class ListConversations {

    private final Accounts accounts;
    private final Friendships friendships;
    private final MessageStore messages;
    private final Presence presence;

    public ListConversations(Accounts accounts, Friendships friendships, MessageStore messages, Presence presence) {
        this.accounts = Objects.requireNonNull(accounts);
        this.friendships = Objects.requireNonNull(friendships);
        this.messages = Objects.requireNonNull(messages);
        this.presence = Objects.requireNonNull(presence);
    }

    /** One conversation of the inbox as the caller sees it. */
    public record InboxRow(Account partner, boolean online, Message latest, long unread) {
    }

    public List<InboxRow> list(Account caller) {
        List<InboxEntry> entries = messages.inbox(caller.id());
        if (entries.isEmpty()) {
            return List.of();
        }
        List<AccountId> partners = entries.stream().map(InboxEntry::partner).toList();
        Set<AccountId> friends = friendships.friendsAmong(caller.id(), partners);
        Map<AccountId, Account> profiles = accounts.byIds(friends);
        Set<AccountId> online = presence.onlineAmong(friends);
        List<InboxRow> rows = new ArrayList<>(friends.size());
        for (InboxEntry entry : entries) {
            Account partner = profiles.get(entry.partner());
            if (partner != null && friends.contains(entry.partner())) {
                rows.add(new InboxRow(partner, online.contains(partner.id()), entry.latest(), entry.unread()));
            }
        }
        return rows;
    }
}
