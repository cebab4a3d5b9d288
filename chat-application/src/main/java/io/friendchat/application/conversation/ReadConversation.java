package io.friendchat.application.conversation;

import io.friendchat.application.ChatSettings;
import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountHandle;
import io.friendchat.domain.account.AccountNotFound;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.conversation.ConversationPage;
import io.friendchat.domain.conversation.PageRequest;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.live.Presence;
import io.friendchat.domain.message.MessageId;
import io.friendchat.domain.message.MessageStore;

import java.util.Objects;

/** Reads a page of the caller's conversation with a friend. */
public final class ReadConversation {

    private final Accounts accounts;
    private final Friendships friendships;
    private final MessageStore messages;
    private final Presence presence;
    private final ChatSettings settings;

    public ReadConversation(Accounts accounts, Friendships friendships, MessageStore messages, Presence presence,
                            ChatSettings settings) {
        this.accounts = Objects.requireNonNull(accounts);
        this.friendships = Objects.requireNonNull(friendships);
        this.messages = Objects.requireNonNull(messages);
        this.presence = Objects.requireNonNull(presence);
        this.settings = Objects.requireNonNull(settings);
    }

    /**
     * What the caller asked for. {@code limit} null means the configured history
     * limit; {@code before} null means the latest messages.
     */
    public record Query(Account caller, String account, Integer limit, Long before) {

        public Query {
            Objects.requireNonNull(caller, "caller");
        }
    }

    /**
     * The friend, whether they are online, the page, and the highest id of the
     * caller's messages that the friend has read (0 when none).
     */
    public record ConversationView(Account friend, boolean friendOnline, ConversationPage page, long readUpTo) {
    }

    public ConversationView read(Query query) {
        AccountHandle handle = AccountHandle.of(query.account());
        PageRequest request = pageRequest(query);
        Account friend = accounts.find(handle).orElseThrow(() -> new AccountNotFound(handle.value()));
        Conversation conversation = Conversation.between(query.caller().id(), friend.id());
        friendships.requireFriends(query.caller().id(), friend.id());
        ConversationPage page = messages.page(conversation, request);
        long readUpTo = page.conversationEmpty() ? 0 : messages.readUpTo(conversation, query.caller().id());
        return new ConversationView(friend, presence.isOnline(friend.id()), page, readUpTo);
    }

    /** The largest page a caller may ask for; without a limit the configured history limit applies. */
    public static final int MAX_PAGE = 1000;

    private PageRequest pageRequest(Query query) {
        int limit = query.limit() == null ? settings.historyLimit() : query.limit();
        if (query.limit() != null && (limit < 1 || limit > MAX_PAGE)) {
            throw new InvalidInput("'limit' must be an integer from 1 to " + MAX_PAGE + ".");
        }
        if (query.before() == null) {
            return PageRequest.latest(limit);
        }
        if (query.before() < 1) {
            throw new InvalidInput("'before' must be a message id (an integer of at least 1).");
        }
        return PageRequest.before(MessageId.of(query.before()), limit);
    }
}
