package io.friendchat.domain.live;

import io.friendchat.domain.account.AccountId;

/**
 * Delivers an event to every live connection of an account, wherever it is
 * connected. Never blocks the caller and never throws for a failed push: the
 * database stays the record, and catch-up reads it.
 */
public interface Notifier {

    void deliver(AccountId recipient, LiveEvent event);
}
