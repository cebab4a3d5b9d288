/**
 * Several friendchat nodes on one database, through Redis: {@link io.friendchat.adapter.redis.RedisCluster}
 * gives the notifier, presence, rate limiter and typing throttle that hold over every node.
 */
package io.friendchat.adapter.redis;
