package io.friendchat.application.message;

import io.friendchat.application.ChatSettings;
import io.friendchat.application.Profile;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountHandle;
import io.friendchat.domain.account.AccountNotFound;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.live.Notifier;
import io.friendchat.domain.message.Appended;
import io.friendchat.domain.message.ClientId;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.domain.message.MessageText;
import io.friendchat.domain.message.NewMessage;
import io.friendchat.domain.ratelimit.Permit;
import io.friendchat.domain.ratelimit.RateLimited;
import io.friendchat.domain.ratelimit.RateLimiter;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends a message to a friend: check, store (committed), then notify the
 * receiver's live connections. The checks run in the order of the wire contract.
 */
public final class SendMessage {

    private final Accounts accounts;
    private final Friendships friendships;
    private final MessageStore messages;
    private final RateLimiter rateLimiter;
    private final Notifier notifier;
    private final Clock clock;
    private final ChatSettings settings;
    private final DeliveryOrder deliveryOrder;
    private final DuplicatesInFlight duplicates = new DuplicatesInFlight();

    public SendMessage(Accounts accounts, Friendships friendships, MessageStore messages, RateLimiter rateLimiter,
                       Notifier notifier, Clock clock, ChatSettings settings) {
        this.accounts = Objects.requireNonNull(accounts);
        this.friendships = Objects.requireNonNull(friendships);
        this.messages = Objects.requireNonNull(messages);
        this.rateLimiter = Objects.requireNonNull(rateLimiter);
        this.notifier = Objects.requireNonNull(notifier);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
        this.deliveryOrder = new DeliveryOrder(messages);
    }

    /** What the caller asked: to whom, what, and optionally under which client id. */
    public record Command(Account sender, String account, String message, String clientId) {

        public Command {
            Objects.requireNonNull(sender, "sender");
        }
    }

    /** The stored message; {@code replayed} when a retry was answered with the first send's message. */
    public record Sent(Message message, boolean replayed) {
    }

    public Sent send(Command command) {
        Account sender = command.sender();
        AccountHandle handle = AccountHandle.of(command.account());
        MessageText text = MessageText.of(command.message(), settings.maxMessageLength());
        ClientId clientId = command.clientId() == null ? null : ClientId.of(command.clientId());
        if (clientId == null) {
            return store(sender, handle, text, null);
        }
        return duplicates.once(sender.id(), clientId, () -> {
            Optional<Message> earlier = messages.bySenderAndClientId(sender.id(), clientId);
            if (earlier.isPresent()) {
                return new Sent(earlier.get(), true);
            }
            return store(sender, handle, text, clientId);
        });
    }

    private Sent store(Account sender, AccountHandle handle, MessageText text, ClientId clientId) {
        Permit permit = rateLimiter.acquire(sender.id());
        if (!permit.granted()) {
            throw new RateLimited(permit.retryAfter());
        }
        Account receiver = accounts.find(handle).orElseThrow(() -> new AccountNotFound(handle.value()));
        Conversation.between(sender.id(), receiver.id());
        friendships.requireFriends(sender.id(), receiver.id());

        // Microseconds: what both databases keep, so a replay answers the very same time.
        NewMessage draft = new NewMessage(sender.id(), receiver.id(), text,
                clock.instant().truncatedTo(ChronoUnit.MICROS), clientId);
        // Stored with the other sends waiting for this receiver (and, in the store, with other
        // receivers' sends: group commit), so no unit of work is opened around it.
        Appended appended = deliveryOrder.store(draft, stored -> notifyReceiver(stored, sender, receiver));
        return new Sent(appended.message(), !appended.created());
    }

    private void notifyReceiver(Message message, Account sender, Account receiver) {
        Profile from = Profile.of(sender, settings);
        notifier.deliver(receiver.id(), new NewMessageEvent(message.id().value(), from.username(),
                receiver.username().value(), message.text(), message.sentAt(), from.picture(), from.fullName()));
    }
}
