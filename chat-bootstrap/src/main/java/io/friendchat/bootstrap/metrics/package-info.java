/**
 * The chat's metrics on Micrometer, kept out of the core and of the adapters:
 * port decorators, the adapters' plain-Java hooks, and {@code GET /metrics}.
 */
package io.friendchat.bootstrap.metrics;
