package io.friendchat.adapter.websocket;

import io.friendchat.domain.account.AccountId;

/**
 * Told when this node starts and stops holding a socket of an account, so that a
 * cluster can route the account's events to this node before the socket's
 * handshake completes. Called once per socket for each.
 */
public interface SocketRouting {

    /** On a single node there is nothing to route. */
    SocketRouting NONE = new SocketRouting() {
        @Override
        public void holding(AccountId account) {
        }

        @Override
        public void released(AccountId account) {
        }
    };

    /** A socket of the account is registered here; may wait, briefly and boundedly, until routing is in place. */
    void holding(AccountId account);

    /** That socket left the registry. */
    void released(AccountId account);
}
