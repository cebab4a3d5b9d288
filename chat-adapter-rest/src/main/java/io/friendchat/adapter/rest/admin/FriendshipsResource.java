package io.friendchat.adapter.rest.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.friendchat.adapter.rest.internal.Json;
import io.friendchat.adapter.rest.internal.JsonFields;
import io.friendchat.adapter.rest.internal.QueryParams;
import io.friendchat.adapter.rest.internal.RequestBody;
import io.friendchat.application.directory.ManageFriendships;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /admin/friendships/}: makes and ends friendships in the built-in friend graph; both idempotent. */
@Path("admin/friendships")
public final class FriendshipsResource {

    private final AdminGate gate;
    private final ManageFriendships friendships;

    public FriendshipsResource(AdminGate gate, ManageFriendships friendships) {
        this.gate = gate;
        this.friendships = friendships;
    }

    @JsonPropertyOrder({"a", "b", "friends"})
    record FriendshipJson(String a, String b, boolean friends) {
    }

    @PUT
    public Response befriend(@Context HttpHeaders headers, @Context ContainerRequestContext request) {
        gate.check(headers);
        JsonFields body = RequestBody.read(request).json();
        QueryParams.of(request.getUriInfo());
        String a = body.text("a").orElse(null);
        String b = body.text("b").orElse(null);
        friendships.befriend(a, b);
        return Json.ok(new FriendshipJson(a, b, true));
    }

    @DELETE
    public Response unfriend(@Context HttpHeaders headers, @Context UriInfo uri) {
        gate.check(headers);
        QueryParams query = QueryParams.of(uri);
        friendships.unfriend(query.text("a"), query.text("b"));
        return Response.noContent().build();
    }
}
