package io.friendchat.adapter.redis;

import io.lettuce.core.ScriptOutputType;

/**
 * The cluster's Lua scripts: each runs atomically in Redis, which is what makes a first
 * open, a last close and the reaping of a dead node happen exactly once. Some build key
 * names inside the script, so they suit one Redis server (not a sharded Redis Cluster).
 */
final class Scripts {

    private Scripts() {
    }

    /**
     * KEYS: node key, nodes set, epoch. ARGV: node id, TTL in ms, a fresh epoch.
     * Returns {1 when the node key was still alive, 1 when the node was not registered, the epoch}.
     */
    static final Script HEARTBEAT = new Script("""
            local epoch = redis.call('GET', KEYS[3])
            if not epoch then
              redis.call('SET', KEYS[3], ARGV[3])
              epoch = ARGV[3]
            end
            local alive = redis.call('SET', KEYS[1], '1', 'PX', ARGV[2], 'XX')
            if not alive then
              redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
            end
            local added = redis.call('SADD', KEYS[2], ARGV[1])
            return {alive and 1 or 0, added, epoch}
            """, ScriptOutputType.MULTI);

    /** KEYS: the account's node set, the node's held set. ARGV: node id, account id. 1 when first anywhere. */
    static final Script CLAIM = new Script("""
            local added = redis.call('SADD', KEYS[1], ARGV[1])
            redis.call('SADD', KEYS[2], ARGV[2])
            if added == 1 and redis.call('SCARD', KEYS[1]) == 1 then
              return 1
            end
            return 0
            """, ScriptOutputType.INTEGER);

    /** KEYS: the account's node set, the node's held set. ARGV: node id, account id. 1 when last anywhere. */
    static final Script RELEASE = new Script("""
            redis.call('SREM', KEYS[1], ARGV[1])
            redis.call('SREM', KEYS[2], ARGV[2])
            if redis.call('EXISTS', KEYS[1]) == 0 then
              return 1
            end
            return 0
            """, ScriptOutputType.INTEGER);

    /**
     * Makes the node's claims exactly the accounts given. KEYS: the node's held set.
     * ARGV: node id, account-set prefix, account ids... Returns {accounts that came online
     * (first anywhere), accounts that went offline (last anywhere)}.
     */
    static final Script RECONCILE = new Script("""
            local node = ARGV[1]
            local prefix = ARGV[2]
            local wanted = {}
            local came = {}
            for i = 3, #ARGV do
              local account = ARGV[i]
              wanted[account] = true
              local key = prefix .. account
              if redis.call('SADD', key, node) == 1 and redis.call('SCARD', key) == 1 then
                table.insert(came, account)
              end
              redis.call('SADD', KEYS[1], account)
            end
            local gone = {}
            for _, account in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              if not wanted[account] then
                local key = prefix .. account
                redis.call('SREM', key, node)
                redis.call('SREM', KEYS[1], account)
                if redis.call('EXISTS', key) == 0 then
                  table.insert(gone, account)
                end
              end
            end
            return {came, gone}
            """, ScriptOutputType.MULTI);

    /** KEYS: account node sets. ARGV: node-key prefix. The 1-based positions of the accounts a live node holds. */
    static final Script ONLINE_AMONG = new Script("""
            local alive = {}
            local online = {}
            for i, key in ipairs(KEYS) do
              for _, node in ipairs(redis.call('SMEMBERS', key)) do
                local up = alive[node]
                if up == nil then
                  up = redis.call('EXISTS', ARGV[1] .. node) == 1
                  alive[node] = up
                end
                if up then
                  table.insert(online, i)
                  break
                end
              end
            end
            return online
            """, ScriptOutputType.MULTI);

    /**
     * Reaps every registered node whose liveness key expired: drops its claims and returns
     * the accounts left with no node at all. Atomic, so each dead node is reaped by one caller.
     * KEYS: nodes set. ARGV: node-key prefix, held-set prefix, account-set prefix.
     */
    static final Script REAP = new Script("""
            local offline = {}
            for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              if redis.call('EXISTS', ARGV[1] .. node) == 0 then
                redis.call('SREM', KEYS[1], node)
                local held = ARGV[2] .. node
                for _, account in ipairs(redis.call('SMEMBERS', held)) do
                  local key = ARGV[3] .. account
                  if redis.call('SREM', key, node) == 1 and redis.call('SCARD', key) == 0 then
                    table.insert(offline, account)
                  end
                end
                redis.call('DEL', held)
              end
            end
            return offline
            """, ScriptOutputType.MULTI);

    /**
     * A token bucket on Redis's clock. KEYS: the bucket. ARGV: tokens a second, burst.
     * Returns {1 granted or 0 refused, microseconds to wait}.
     */
    static final Script TAKE_TOKEN = new Script("""
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
            local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(bucket[1]) or burst
            local at = tonumber(bucket[2]) or now
            if now > at then
              tokens = math.min(burst, tokens + (now - at) * rate / 1000000)
            end
            local granted = 0
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
              granted = 1
            else
              wait = math.ceil((1 - tokens) * 1000000 / rate)
            end
            redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%.0f', now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
            return {granted, wait}
            """, ScriptOutputType.MULTI);
}
