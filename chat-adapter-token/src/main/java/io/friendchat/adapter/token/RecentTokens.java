package io.friendchat.adapter.token;

import io.friendchat.domain.access.VerifiedToken;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tokens that passed every check lately, with the times they are valid between: a client
 * sends the same token with each request, and its signature, type and user cannot change,
 * so only the clock needs asking again. Bounded: when full it starts over, which costs one
 * full verification per token in use, never a wrong answer.
 */
final class RecentTokens {

    /** Valid from {@code notBefore} (NaN: no such claim) until strictly before {@code expires}, in epoch seconds. */
    record Verified(VerifiedToken token, double expires, double notBefore) {
    }

    private final int capacity;
    private final ConcurrentMap<String, Verified> byToken = new ConcurrentHashMap<>();

    RecentTokens(int capacity) {
        this.capacity = capacity;
    }

    Verified get(String token) {
        return byToken.get(token);
    }

    void remember(String token, Verified verified) {
        if (byToken.size() >= capacity) {
            byToken.clear();
        }
        byToken.put(token, verified);
    }
}
