/**
 * Tyrus on the port of an existing Grizzly {@code HttpServer} (beside Jersey), with
 * handshakes moved off the selector threads, the handshakes Tyrus would refuse with a bare
 * status answered in JSON instead, and oversized frames refused early.
 * Needs {@code tyrus-container-grizzly-server} (an optional dependency of this module).
 */
package io.friendchat.adapter.websocket.grizzly;
