package io.friendchat.adapter.redis;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.LiveEvent;
import io.friendchat.domain.live.Notifier;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers an event to the account's connections on every node: to this node's own
 * sockets directly (so local delivery never depends on Redis), and to the other nodes by
 * publishing on the account's channel, which only nodes holding that account subscribe
 * to. Events carry the publishing node's id, and that node skips its own when they come
 * back, so no socket gets one twice. Never blocks, never throws.
 */
final class ClusterNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(ClusterNotifier.class.getName());

    private final Link link;
    private final String nodeId;
    private final Notifier localDelivery;
    private final AtomicLong unpublished = new AtomicLong();

    ClusterNotifier(Link link, String nodeId, Notifier localDelivery) {
        this.link = link;
        this.nodeId = nodeId;
        this.localDelivery = localDelivery;
    }

    @Override
    public void deliver(AccountId recipient, LiveEvent event) {
        try {
            localDelivery.deliver(recipient, event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "local delivery of a " + event.kind() + " event failed", e);
        }
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null) {
            unpublished.incrementAndGet();
            return;
        }
        try {
            redis.publish(Keys.live(recipient), EventCodec.encode(nodeId, event))
                    .exceptionally(failure -> {
                        unpublished.incrementAndGet();
                        return 0L;
                    });
        } catch (RuntimeException e) {
            unpublished.incrementAndGet();
            LOG.log(Level.FINE, "could not publish a live event", e);
        }
    }

    /** Events that reached this node's sockets but could not be published to the others, since start. */
    long unpublished() {
        return unpublished.get();
    }
}
