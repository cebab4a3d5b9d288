/**
 * The chat's WebSocket, {@code /ws/connection/}, on any Jakarta WebSocket container:
 * {@link io.friendchat.adapter.websocket.ChatSocket} gives the endpoint configurations,
 * {@link io.friendchat.adapter.websocket.LiveSessions} is the registry of live sockets
 * and the {@code Notifier} the core pushes events through.
 */
package io.friendchat.adapter.websocket;
