package io.friendchat.adapter.redis;

import io.friendchat.application.live.CatchUp;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.LiveEvent;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.live.Notifier;
import io.friendchat.domain.message.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts each account's NEW_MESSAGE events on this node's sockets in the order their messages
 * were committed. With several nodes an account's messages are committed on any of them:
 * this node's own reach its sockets at once, the others' through Redis a moment later, so
 * they can arrive out of id order, and a client that reconnects with {@code after} set to
 * the last id it saw would skip the one still on its way (API.md promises it none). So an
 * event only says "the account has messages up to this id": what the account received
 * after the last id delivered here is read from the store, oldest first, and delivered.
 * The ids one account receives rise in commit order (its mailbox lock), and an event is
 * published after its commit, so that read sees every message up to the event's id. The
 * events that arrived are delivered as they are when the read finds exactly them (the
 * usual case: one read of the account's index per round); a message whose event has not
 * arrived yet is built from the store. Other kinds of event pass straight through.
 *
 * <p>Each account starts, when its first socket here is being admitted, at the latest id
 * it had received then: its sockets get every message committed after their handshakes.
 * Reads run on this node's own threads, never on Redis's or a sender's; a failed read is
 * tried again a second later.
 */
final class InOrderDelivery implements Notifier {

    private static final Logger LOG = Logger.getLogger(InOrderDelivery.class.getName());
    /** Messages read per round; a round that reads this many reads again at once. */
    private static final int READ = 200;
    /** Events kept waiting per account; past it the rest are read back from the store instead. */
    private static final int MAX_WAITING = 1_000;
    private static final long RETRY_MILLIS = 1_000;
    private static final long UNKNOWN = -1;

    /** One account's stream on this node. Guarded by itself. */
    private static final class Stream {
        int holders = 1;
        long delivered = UNKNOWN;
        /** The highest id an event told of. */
        long wanted;
        /** Read up to the latest message, whatever the events told. */
        boolean readAll;
        boolean reading;
        boolean passThrough;
        boolean gone;
        final NavigableMap<Long, NewMessageEvent> waiting = new TreeMap<>();
        /** Open once the first holder has read where the stream starts (or given up): not guarded. */
        final CountDownLatch started = new CountDownLatch(1);
    }

    private final Notifier sockets;
    private final CatchUp store;
    private final ScheduledExecutorService readers;
    private final ConcurrentHashMap<AccountId, Stream> streams = new ConcurrentHashMap<>();

    /**
     * @param sockets this node's live sockets
     * @param store   where the account's received messages are read back from
     * @param readers the threads the reads run on
     */
    InOrderDelivery(Notifier sockets, CatchUp store, ScheduledExecutorService readers) {
        this.sockets = sockets;
        this.store = store;
        this.readers = readers;
    }

    /**
     * A socket of the account is being admitted here: the first one starts its stream at the
     * latest id it received (a read of the store, on the caller's thread). When that read
     * fails, the account's events are delivered as they arrive, as a single node would.
     * Another socket of the account admitted meanwhile waits for that read: a message
     * committed after its handshake must lie past where the stream starts.
     */
    void opening(AccountId account) {
        Stream created = new Stream();
        Stream stream = streams.compute(account, (id, existing) -> {
            if (existing == null) {
                return created;
            }
            synchronized (existing) {
                existing.holders++;
            }
            return existing;
        });
        if (stream != created) {
            awaitStart(stream);
            return;
        }
        try {
            start(account, stream);
        } finally {
            stream.started.countDown();
        }
    }

    private static void awaitStart(Stream stream) {
        try {
            stream.started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(AccountId account, Stream stream) {
        long latest;
        try {
            latest = store.latestReceived(account);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read where account " + account.value() + "'s messages stand;"
                    + " its events are delivered as they arrive", e);
            List<NewMessageEvent> held;
            synchronized (stream) {
                stream.passThrough = true;
                held = new ArrayList<>(stream.waiting.values());
                stream.waiting.clear();
            }
            held.forEach(event -> push(account, event));
            return;
        }
        synchronized (stream) {
            stream.delivered = latest;
            stream.waiting.headMap(latest, true).clear();
        }
        startReading(account, stream);
    }

    /** A socket admitted with {@link #opening} is gone; the last one ends the account's stream here. */
    void closed(AccountId account) {
        streams.computeIfPresent(account, (id, stream) -> {
            synchronized (stream) {
                if (--stream.holders > 0) {
                    return stream;
                }
                stream.gone = true;
                stream.waiting.clear();
                return null;
            }
        });
    }

    /**
     * Reads every account held here up to its latest message: after Redis was out of reach
     * (or a subscription failed), other nodes' events of that time never came.
     */
    void readAll() {
        streams.forEach((account, stream) -> {
            synchronized (stream) {
                stream.readAll = true;
            }
            startReading(account, stream);
        });
    }

    @Override
    public void deliver(AccountId recipient, LiveEvent event) {
        if (!(event instanceof NewMessageEvent message)) {
            sockets.deliver(recipient, event);
            return;
        }
        Stream stream = streams.get(recipient);
        if (stream == null) {
            return; // no socket of the account here
        }
        synchronized (stream) {
            if (stream.passThrough) {
                sockets.deliver(recipient, event);
                return;
            }
            if (stream.delivered != UNKNOWN && message.id() <= stream.delivered) {
                return; // a read already delivered it
            }
            if (stream.waiting.size() < MAX_WAITING) {
                stream.waiting.put(message.id(), message);
            }
            stream.wanted = Math.max(stream.wanted, message.id());
        }
        startReading(recipient, stream);
    }

    private void startReading(AccountId account, Stream stream) {
        synchronized (stream) {
            if (stream.reading || !due(stream)) {
                return;
            }
            stream.reading = true;
        }
        submit(() -> read(account, stream), 0);
    }

    private static boolean due(Stream stream) {
        return !stream.gone && !stream.passThrough && stream.delivered != UNKNOWN
                && (stream.readAll || stream.wanted > stream.delivered);
    }

    /** Rounds of reading until the account's stream here has delivered what it was told of. */
    private void read(AccountId account, Stream stream) {
        while (true) {
            long from;
            long wanted;
            boolean all;
            synchronized (stream) {
                if (!due(stream)) {
                    stream.reading = false;
                    return;
                }
                from = stream.delivered;
                wanted = stream.wanted;
                all = stream.readAll;
                stream.readAll = false;
            }
            List<Message> received;
            List<NewMessageEvent> events;
            try {
                received = store.receivedAfter(account, from, READ);
                events = eventsOf(account, stream, received);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not read account " + account.value() + "'s new messages;"
                        + " trying again in a second", e);
                synchronized (stream) {
                    stream.reading = false;
                    stream.readAll |= all;
                }
                submit(() -> startReading(account, stream), RETRY_MILLIS);
                return;
            }
            synchronized (stream) {
                if (stream.gone) {
                    stream.reading = false;
                    return;
                }
                events.forEach(event -> push(account, event));
                long last = received.isEmpty() ? from : received.get(received.size() - 1).id().value();
                boolean whole = received.size() < READ;
                // A read short of full saw every message committed before it, so all up to the wanted id
                // (some of which are not for friends any more, or were never read because none came since).
                stream.delivered = Math.max(stream.delivered, whole ? Math.max(last, wanted) : last);
                stream.readAll |= all && !whole;
                stream.waiting.headMap(stream.delivered, true).clear();
            }
        }
    }

    /** The events of what was read: the ones that came, or, when one has not come yet, all built from the store. */
    private List<NewMessageEvent> eventsOf(AccountId account, Stream stream, List<Message> received) {
        List<NewMessageEvent> events = new ArrayList<>(received.size());
        synchronized (stream) {
            for (Message message : received) {
                NewMessageEvent came = stream.waiting.get(message.id().value());
                if (came == null) {
                    events = null;
                    break;
                }
                events.add(came);
            }
        }
        return events != null ? events : store.eventsOf(account, received);
    }

    /** A failing delivery must not stop the account's reads here for good. */
    private void push(AccountId account, NewMessageEvent event) {
        try {
            sockets.deliver(account, event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "local delivery of a NEW_MESSAGE event failed", e);
        }
    }

    private void submit(Runnable task, long delayMillis) {
        try {
            readers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "shutting down", e);
        }
    }
}
