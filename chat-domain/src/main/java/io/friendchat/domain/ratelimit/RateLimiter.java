package io.friendchat.domain.ratelimit;

import io.friendchat.domain.account.AccountId;

/** How often an account may send. */
public interface RateLimiter {

    /** Takes one permit for the account, or says how long to wait for one. */
    Permit acquire(AccountId account);

    /** A limiter that never refuses (the limit turned off). */
    static RateLimiter unlimited() {
        return account -> Permit.GRANTED;
    }
}
