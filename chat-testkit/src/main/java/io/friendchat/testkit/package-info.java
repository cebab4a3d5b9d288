/**
 * In-memory implementations of the chat core's {@code Accounts}, {@code Friendships},
 * {@code Directory}, {@code MessageStore}, {@code Notifier} and {@code TokenVerifier}
 * ports, a clock moved by hand, account builders and a throw-away redis-server, for
 * tests of friendchat and of host applications that embed it. The single-node
 * {@code Presence}, {@code RateLimiter} and {@code TypingThrottle} are in
 * {@code io.friendchat.application.local}; the contract suites in
 * {@code io.friendchat.testkit.contract}.
 */
package io.friendchat.testkit;
