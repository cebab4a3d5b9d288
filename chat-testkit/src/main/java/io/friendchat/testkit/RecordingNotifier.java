package io.friendchat.testkit;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.LiveEvent;
import io.friendchat.domain.live.Notifier;

import java.util.ArrayList;
import java.util.List;

/** A notifier that keeps what it was asked to deliver, for tests to read. */
public final class RecordingNotifier implements Notifier {

    /** One delivery: to whom, what. */
    public record Delivery(AccountId recipient, LiveEvent event) {
    }

    private final List<Delivery> deliveries = new ArrayList<>();

    @Override
    public synchronized void deliver(AccountId recipient, LiveEvent event) {
        deliveries.add(new Delivery(recipient, event));
    }

    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public synchronized List<LiveEvent> deliveredTo(AccountId recipient) {
        return deliveries.stream().filter(d -> d.recipient().equals(recipient)).map(Delivery::event).toList();
    }

    public synchronized void clear() {
        deliveries.clear();
    }
}
