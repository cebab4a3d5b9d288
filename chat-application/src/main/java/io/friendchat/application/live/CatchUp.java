package io.friendchat.application.live;

import io.friendchat.application.ChatSettings;
import io.friendchat.application.Profile;
import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageId;
import io.friendchat.domain.message.MessageStore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Replays, from the store, the messages an account received after a given id,
 * so a client that reconnects misses nothing. Only messages from current friends.
 */
public final class CatchUp {

    /** The most events one replay sends before it asks the client to reload instead. */
    public static final int MAX_REPLAY = 500;

    private final Accounts accounts;
    private final Friendships friendships;
    private final MessageStore messages;
    private final ChatSettings settings;

    public CatchUp(Accounts accounts, Friendships friendships, MessageStore messages, ChatSettings settings) {
        this.accounts = Objects.requireNonNull(accounts);
        this.friendships = Objects.requireNonNull(friendships);
        this.messages = Objects.requireNonNull(messages);
        this.settings = Objects.requireNonNull(settings);
    }

    /**
     * The replayed events, oldest first; {@code more} when messages remain past them.
     * {@code lastId} is the highest id the replay read (0 when none), so the live
     * stream can skip what was replayed.
     */
    public record Replay(List<NewMessageEvent> events, boolean more, long lastId) {
    }

    /** @throws InvalidInput when {@code after} is negative */
    public Replay replay(Account receiver, long after) {
        if (after < 0) {
            throw new InvalidInput("'after' must be a message id (an integer of at least 0).");
        }
        List<Message> received = after == 0
                ? messages.receivedAfter(receiver.id(), null, MAX_REPLAY + 1)
                : messages.receivedAfter(receiver.id(), MessageId.of(after), MAX_REPLAY + 1);
        boolean more = received.size() > MAX_REPLAY;
        List<Message> page = more ? received.subList(0, MAX_REPLAY) : received;
        Map<AccountId, Account> friends = accounts.byIds(friendsAmongSenders(receiver.id(), page));
        long lastId = page.isEmpty() ? after : page.get(page.size() - 1).id().value();
        return new Replay(events(receiver.username().value(), page, friends), more, lastId);
    }

    /** The highest id among the messages the account received, 0 when none: where a live stream of it starts. */
    public long latestReceived(AccountId receiver) {
        return messages.latestReceivedId(receiver);
    }

    /** The messages the account received with an id above {@code after}, oldest first, at most {@code limit}. */
    public List<Message> receivedAfter(AccountId receiver, long after, int limit) {
        return messages.receivedAfter(receiver, after == 0 ? null : MessageId.of(after), limit);
    }

    /**
     * The events of messages the account received, as {@link MessageStore#receivedAfter} read them,
     * in the same order and from current friends only; none when the account is gone. For a node
     * that puts live events in commit order by reading them back from the store.
     */
    public List<NewMessageEvent> eventsOf(AccountId receiver, List<Message> received) {
        Set<AccountId> wanted = new HashSet<>(friendsAmongSenders(receiver, received));
        wanted.add(receiver);
        Map<AccountId, Account> profiles = accounts.byIds(wanted);
        Account account = profiles.get(receiver);
        return account == null ? List.of() : events(account.username().value(), received, profiles);
    }

    private Set<AccountId> friendsAmongSenders(AccountId receiver, List<Message> received) {
        List<AccountId> senders = received.stream().map(Message::sender).distinct().toList();
        return friendships.friendsAmong(receiver, senders);
    }

    private List<NewMessageEvent> events(String receiver, List<Message> received, Map<AccountId, Account> friends) {
        List<NewMessageEvent> events = new ArrayList<>(received.size());
        for (Message message : received) {
            Account sender = friends.get(message.sender());
            if (sender != null) {
                Profile from = Profile.of(sender, settings);
                events.add(new NewMessageEvent(message.id().value(), from.username(), receiver,
                        message.text(), message.sentAt(), from.picture(), from.fullName()));
            }
        }
        return events;
    }
}
