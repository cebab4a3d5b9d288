package io.friendchat.adapter.redis;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.live.Presence;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Presence over every node. This node counts its own connections per account and, on an
 * account's first connection here, claims it in Redis (its last one here releases the
 * claim); the claim and release scripts say whether that was the first or last anywhere.
 * A claim lives as long as its node's liveness key, so a dead node's accounts read offline
 * once that key expires. While Redis is unreachable it answers as a single node would, and
 * {@link #reconcile} puts Redis right afterwards.
 */
final class ClusterPresence implements Presence {

    private static final Logger LOG = Logger.getLogger(ClusterPresence.class.getName());
    private static final int STRIPES = 64;
    private static final int KEYS_PER_CALL = 500;

    /** What a reconcile changed over the cluster: accounts first online anywhere, and last offline anywhere. */
    record Changes(Set<AccountId> cameOnline, Set<AccountId> wentOffline) {
        static final Changes NONE = new Changes(Set.of(), Set.of());
    }

    private final Link link;
    private final String nodeId;
    private final Duration wait;
    private final Routes routes;
    private final BooleanSupplier up;
    private final AtomicBoolean stale;
    private final ConcurrentHashMap<AccountId, Integer> local = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[STRIPES];
    // Single claims share it; a reconcile takes it alone, so that it sees a still picture of the counts.
    private final ReadWriteLock reconciling = new ReentrantReadWriteLock();

    /**
     * @param routes the subscriptions: the account's events reach this node from its first connection here
     * @param up     whether Redis is worth asking (else the answer is this node's alone, at once)
     * @param stale  set when Redis missed a claim or release, so that the next upkeep reconciles
     */
    ClusterPresence(Link link, String nodeId, Duration wait, Routes routes, BooleanSupplier up, AtomicBoolean stale) {
        this.link = link;
        this.nodeId = nodeId;
        this.wait = wait;
        this.routes = routes;
        this.up = up;
        this.stale = stale;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public boolean connected(AccountId account) {
        boolean firstHere;
        boolean first;
        reconciling.readLock().lock();
        try {
            synchronized (stripe(account)) {
                firstHere = local.merge(account, 1, Integer::sum) == 1;
                first = firstHere && claim(account);
            }
        } finally {
            reconciling.readLock().unlock();
        }
        if (firstHere) {
            routes.hold(account);
        }
        return first;
    }

    @Override
    public boolean disconnected(AccountId account) {
        boolean lastHere = false;
        boolean last = false;
        reconciling.readLock().lock();
        try {
            synchronized (stripe(account)) {
                Integer count = local.get(account);
                if (count != null) {
                    if (count > 1) {
                        local.put(account, count - 1);
                    } else {
                        local.remove(account);
                        lastHere = true;
                        last = release(account);
                    }
                }
            }
        } finally {
            reconciling.readLock().unlock();
        }
        if (lastHere) {
            routes.release(account);
        }
        return last;
    }

    @Override
    public boolean isOnline(AccountId account) {
        return !onlineAmong(List.of(account)).isEmpty();
    }

    @Override
    public Set<AccountId> onlineAmong(Collection<AccountId> accounts) {
        Set<AccountId> online = new HashSet<>();
        List<AccountId> elsewhere = new ArrayList<>();
        for (AccountId account : new HashSet<>(accounts)) {
            if (local.containsKey(account)) {
                online.add(account);
            } else {
                elsewhere.add(account);
            }
        }
        if (elsewhere.isEmpty() || !up.getAsBoolean()) {
            return online;
        }
        try {
            for (int from = 0; from < elsewhere.size(); from += KEYS_PER_CALL) {
                List<AccountId> batch = elsewhere.subList(from, Math.min(elsewhere.size(), from + KEYS_PER_CALL));
                for (Object position : Await.result(onlineIn(batch), wait)) {
                    online.add(batch.get((int) ((Long) position - 1)));
                }
            }
        } catch (Await.Unavailable e) {
            LOG.log(Level.FINE, "presence of other nodes unknown now; answering for this node alone", e);
        }
        return online;
    }

    /** True while this node holds a connection of the account. */
    boolean heldHere(AccountId account) {
        return local.containsKey(account);
    }

    /**
     * Makes this node's claims in Redis exactly the accounts it holds connections of, and
     * says which accounts that made first online or last offline anywhere.
     */
    Changes reconcile() throws Await.Unavailable {
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null) {
            throw new Await.Unavailable("not connected", null);
        }
        reconciling.writeLock().lock();
        try {
            List<String> args = new ArrayList<>(local.size() + 2);
            args.add(nodeId);
            args.add(Keys.ONLINE);
            local.keySet().forEach(account -> args.add(Long.toString(account.value())));
            List<Object> answer = Await.result(Scripts.RECONCILE.<List<Object>>run(redis,
                    new String[] {Keys.held(nodeId)}, args.toArray(String[]::new)), wait.multipliedBy(4));
            return new Changes(accounts(answer.get(0)), accounts(answer.get(1)));
        } finally {
            reconciling.writeLock().unlock();
        }
    }

    private boolean claim(AccountId account) {
        return claimOrRelease(Scripts.CLAIM, account);
    }

    private boolean release(AccountId account) {
        return claimOrRelease(Scripts.RELEASE, account);
    }

    /** Runs the claim or release script; when Redis cannot say, answers as a single node and marks Redis stale. */
    private boolean claimOrRelease(Script script, AccountId account) {
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null || !up.getAsBoolean()) {
            stale.set(true);
            return true;
        }
        try {
            Long changed = Await.result(script.<Long>run(redis,
                    new String[] {Keys.online(account), Keys.held(nodeId)},
                    nodeId, Long.toString(account.value())), wait);
            return changed == 1L;
        } catch (Await.Unavailable e) {
            stale.set(true);
            LOG.log(Level.FINE, "Redis missed a presence change; reconciled once it answers", e);
            return true;
        }
    }

    private CompletableFuture<List<Object>> onlineIn(List<AccountId> accounts) {
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null) {
            return Await.notConnected();
        }
        String[] keys = accounts.stream().map(Keys::online).toArray(String[]::new);
        return Scripts.ONLINE_AMONG.run(redis, keys, Keys.NODE);
    }

    static Set<AccountId> accounts(Object ids) {
        Set<AccountId> accounts = new HashSet<>();
        if (ids instanceof List<?> list) {
            for (Object id : list) {
                try {
                    accounts.add(AccountId.of(Long.parseLong(String.valueOf(id))));
                } catch (IllegalArgumentException e) {
                    LOG.log(Level.WARNING, "ignored a presence entry that is not an account id", e);
                }
            }
        }
        return accounts;
    }

    private Object stripe(AccountId account) {
        return stripes[Math.floorMod(Long.hashCode(account.value()), STRIPES)];
    }
}
