package io.friendchat.application.local;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.Presence;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Presence on a single node: a count of open connections per account. */
public final class LocalPresence implements Presence {

    private final ConcurrentHashMap<AccountId, Integer> connections = new ConcurrentHashMap<>();

    @Override
    public boolean connected(AccountId account) {
        return connections.merge(account, 1, Integer::sum) == 1;
    }

    @Override
    public boolean disconnected(AccountId account) {
        boolean[] last = {false};
        connections.computeIfPresent(account, (id, count) -> {
            if (count <= 1) {
                last[0] = true;
                return null;
            }
            return count - 1;
        });
        return last[0];
    }

    @Override
    public boolean isOnline(AccountId account) {
        return connections.containsKey(account);
    }

    @Override
    public Set<AccountId> onlineAmong(Collection<AccountId> accounts) {
        Set<AccountId> online = new HashSet<>();
        for (AccountId account : accounts) {
            if (connections.containsKey(account)) {
                online.add(account);
            }
        }
        return online;
    }
}
