package io.friendchat.adapter.redis;

import io.friendchat.domain.account.AccountId;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Who hears of presence changes the cluster noticed by itself; they are told on a thread of their own. */
final class PresenceListeners {

    private static final Logger LOG = Logger.getLogger(PresenceListeners.class.getName());

    private final Executor announcer;
    private final List<Consumer<Set<AccountId>>> offline = new CopyOnWriteArrayList<>();
    private final List<Consumer<Set<AccountId>>> online = new CopyOnWriteArrayList<>();

    PresenceListeners(Executor announcer) {
        this.announcer = announcer;
    }

    void onOffline(Consumer<Set<AccountId>> listener) {
        offline.add(listener);
    }

    void onOnline(Consumer<Set<AccountId>> listener) {
        online.add(listener);
    }

    void wentOffline(Set<AccountId> accounts) {
        tell(offline, accounts);
    }

    void cameOnline(Set<AccountId> accounts) {
        tell(online, accounts);
    }

    private void tell(List<Consumer<Set<AccountId>>> listeners, Set<AccountId> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        Set<AccountId> changed = Set.copyOf(accounts);
        for (Consumer<Set<AccountId>> listener : listeners) {
            try {
                announcer.execute(() -> {
                    try {
                        listener.accept(changed);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "a presence listener failed", e);
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.log(Level.WARNING, "presence change of " + changed.size() + " accounts not announced: closed", e);
            }
        }
    }
}
