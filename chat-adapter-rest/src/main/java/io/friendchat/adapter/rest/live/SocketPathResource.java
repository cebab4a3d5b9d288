package io.friendchat.adapter.rest.live;

import io.friendchat.adapter.rest.internal.HttpFailure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code /ws/connection/} reached as plain HTTP. Real upgrades are taken by the
 * WebSocket container before Jersey sees them; anything that gets here did not ask for one.
 */
@Path("ws/connection")
public final class SocketPathResource {

    @GET
    public Response plainRequest() {
        throw HttpFailure.invalidRequest(
                "This path only takes WebSocket connections: open it with a WebSocket client (an Upgrade request).");
    }
}
