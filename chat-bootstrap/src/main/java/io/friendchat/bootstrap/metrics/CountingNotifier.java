package io.friendchat.bootstrap.metrics;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.LiveEvent;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.live.Notifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the messages stored. SendMessage hands every new message to the notifier
 * exactly once, after its commit (never a replayed retry), so this counts commits,
 * not attempts that a failed transaction rolled back.
 */
final class CountingNotifier implements Notifier {

    private final Notifier delegate;
    private final Counter stored;

    CountingNotifier(Notifier delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.stored = Counter.builder("chat.messages.stored")
                .description("Messages stored (committed)").register(registry);
    }

    @Override
    public void deliver(AccountId recipient, LiveEvent event) {
        if (event instanceof NewMessageEvent) {
            stored.increment();
        }
        delegate.deliver(recipient, event);
    }
}
