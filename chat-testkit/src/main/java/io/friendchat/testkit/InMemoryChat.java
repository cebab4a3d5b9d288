package io.friendchat.testkit;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.live.Presence;
import io.friendchat.domain.ratelimit.RateLimiter;

/**
 * A whole in-memory world for the chat core: directory, messages, a recording
 * notifier, a clock and static tokens. Use cases are built over its parts.
 */
public final class InMemoryChat {

    public final InMemoryDirectory directory = new InMemoryDirectory();
    public final InMemoryMessageStore messages = new InMemoryMessageStore();
    public final RecordingNotifier notifier = new RecordingNotifier();
    public final MutableClock clock = MutableClock.at("2024-09-28T14:41:27Z");
    public final StaticTokens tokens = new StaticTokens();
    public final RateLimiter rateLimiter;
    public final Presence presence;

    public InMemoryChat(Presence presence, RateLimiter rateLimiter) {
        this.presence = presence;
        this.rateLimiter = rateLimiter;
    }

    public Account add(AccountFixtures.Builder account) {
        return directory.add(account.build());
    }

    public void befriend(Account a, Account b) {
        directory.befriend(a.id(), b.id());
    }
}
