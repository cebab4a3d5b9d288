package io.friendchat.adapter.rest.chat;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.friendchat.adapter.rest.internal.Callers;
import io.friendchat.adapter.rest.internal.HttpFailure;
import io.friendchat.adapter.rest.internal.Json;
import io.friendchat.adapter.rest.internal.JsonFields;
import io.friendchat.adapter.rest.internal.QueryParams;
import io.friendchat.adapter.rest.internal.RequestBody;
import io.friendchat.application.conversation.MarkRead;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.conversation.ReadMark;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.math.BigInteger;

/** {@code POST /chat/read/}: the caller has read the conversation with a friend up to a message. */
@Path("chat/read")
public final class ReadResource {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final Callers callers;
    private final MarkRead markRead;

    public ReadResource(Callers callers, MarkRead markRead) {
        this.callers = callers;
        this.markRead = markRead;
    }

    @JsonPropertyOrder({"success", "unread"})
    record MarkedJson(String success, long unread) {
    }

    @POST
    public Response mark(@Context HttpHeaders headers, @Context ContainerRequestContext request) {
        Account caller = callers.authenticate(headers);
        JsonFields body = RequestBody.read(request).json();
        QueryParams.of(request.getUriInfo());
        String account = body.text("account").orElse(null);
        BigInteger upTo = body.integer("up_to")
                .orElseThrow(() -> HttpFailure.invalidRequest("'up_to' is required: the id of the last message read."));
        // An id past every message counts as the latest one, however large.
        ReadMark mark = markRead.mark(caller, account, upTo.min(LONG_MAX).max(BigInteger.ZERO).longValueExact());
        return Json.ok(new MarkedJson("Marked as read.", mark.unread()));
    }
}
