package io.friendchat.adapter.rest.violation;

import io.friendchat.adapter.websocket.WebSocketSettings;

/** A deliberate violation (test code only): one adapter that knows another. */
public class RestImportingWebSocket {

    public Object ping(WebSocketSettings settings) {
        return settings.pingInterval();
    }
}
