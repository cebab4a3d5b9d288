package io.friendchat.application;

import io.friendchat.domain.access.TokenVerifier;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.directory.Directory;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.live.Notifier;
import io.friendchat.domain.live.Presence;
import io.friendchat.domain.live.TypingThrottle;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.domain.ratelimit.RateLimiter;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Every port the use cases need, in one value. {@code directory} is null when the
 * accounts come from a host application (then there is no admin API).
 */
public record ChatPorts(Accounts accounts, Friendships friendships, MessageStore messages, Notifier notifier,
                        Presence presence, RateLimiter rateLimiter, TypingThrottle typingThrottle,
                        TokenVerifier tokens, Clock clock, Directory directory) {

    public ChatPorts {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(friendships, "friendships");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        Objects.requireNonNull(typingThrottle, "typingThrottle");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(clock, "clock");
    }

    public Optional<Directory> optionalDirectory() {
        return Optional.ofNullable(directory);
    }
}
