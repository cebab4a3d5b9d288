package io.friendchat.domain.live;

import io.friendchat.domain.account.AccountId;

import java.time.Duration;

/** Lets at most one TYPING signal per sender and receiver through in each window, on every node. */
public interface TypingThrottle {

    Duration WINDOW = Duration.ofSeconds(2);

    /** True when this signal may be forwarded; false when one was forwarded less than a window ago. */
    boolean admit(AccountId sender, AccountId receiver);
}
