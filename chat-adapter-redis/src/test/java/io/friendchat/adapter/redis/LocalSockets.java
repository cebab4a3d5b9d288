package io.friendchat.adapter.redis;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.LiveEvent;
import io.friendchat.domain.live.Notifier;
import io.friendchat.testkit.RecordingNotifier.Delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's live sockets as the WebSocket adapter keeps them: events reach the sockets of
 * accounts connected here and are dropped otherwise. Records both, for tests to read.
 */
final class LocalSockets implements Notifier {

    private final Map<AccountId, Integer> open = new HashMap<>();
    private final List<Delivery> arrived = new ArrayList<>();
    private final List<Delivery> reachedSockets = new ArrayList<>();

    synchronized void opened(AccountId account) {
        open.merge(account, 1, Integer::sum);
    }

    synchronized void closed(AccountId account) {
        open.computeIfPresent(account, (id, count) -> count == 1 ? null : count - 1);
    }

    @Override
    public synchronized void deliver(AccountId recipient, LiveEvent event) {
        Delivery delivery = new Delivery(recipient, event);
        arrived.add(delivery);
        if (open.containsKey(recipient)) {
            reachedSockets.add(delivery);
        }
    }

    /** Everything handed to this node's local delivery, whether or not a socket here wanted it. */
    synchronized List<Delivery> arrived() {
        return List.copyOf(arrived);
    }

    /** What reached a socket on this node. */
    synchronized List<Delivery> deliveries() {
        return List.copyOf(reachedSockets);
    }

    synchronized List<LiveEvent> deliveredTo(AccountId recipient) {
        return reachedSockets.stream().filter(d -> d.recipient().equals(recipient)).map(Delivery::event).toList();
    }
}
