package io.friendchat.application.live;

import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountHandle;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.live.Notifier;
import io.friendchat.domain.live.TypingEvent;
import io.friendchat.domain.live.TypingThrottle;

import java.util.Objects;
import java.util.Optional;

/**
 * The caller is typing to a friend. Best effort and silent: a signal to anyone but
 * a current friend, or within the throttle window, is dropped without an answer.
 */
public final class SignalTyping {

    private final Accounts accounts;
    private final Friendships friendships;
    private final TypingThrottle throttle;
    private final Notifier notifier;

    public SignalTyping(Accounts accounts, Friendships friendships, TypingThrottle throttle, Notifier notifier) {
        this.accounts = Objects.requireNonNull(accounts);
        this.friendships = Objects.requireNonNull(friendships);
        this.throttle = Objects.requireNonNull(throttle);
        this.notifier = Objects.requireNonNull(notifier);
    }

    /** True when the signal was forwarded. */
    public boolean signal(Account sender, String account) {
        AccountHandle handle;
        try {
            handle = AccountHandle.of(account);
        } catch (InvalidInput e) {
            return false;
        }
        Optional<Account> friend = accounts.find(handle);
        if (friend.isEmpty() || friend.get().id().equals(sender.id())
                || !friendships.areFriends(sender.id(), friend.get().id())
                || !throttle.admit(sender.id(), friend.get().id())) {
            return false;
        }
        notifier.deliver(friend.get().id(), new TypingEvent(sender.username().value()));
        return true;
    }
}
