package io.friendchat.adapter.rest.chat;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.friendchat.adapter.rest.internal.Callers;
import io.friendchat.adapter.rest.internal.Fields;
import io.friendchat.adapter.rest.internal.Json;
import io.friendchat.adapter.rest.internal.QueryParams;
import io.friendchat.adapter.rest.internal.RequestBody;
import io.friendchat.adapter.rest.internal.WireTime;
import io.friendchat.application.message.SendMessage;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.message.Message;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /chat/message/}: sends a message to a friend. The body is JSON, or as
 * the original server also took it, form-urlencoded or multipart form fields.
 */
@Path("chat/message")
public final class MessageResource {

    private final Callers callers;
    private final SendMessage sendMessage;
    private final WireTime time;

    public MessageResource(Callers callers, SendMessage sendMessage, WireTime time) {
        this.callers = callers;
        this.sendMessage = sendMessage;
        this.time = time;
    }

    @JsonPropertyOrder({"success", "id", "time"})
    record SentJson(String success, long id, String time) {
    }

    @POST
    public Response send(@Context HttpHeaders headers, @Context ContainerRequestContext request) {
        Account caller = callers.authenticate(headers);
        Fields body = RequestBody.read(request).fields();
        QueryParams.of(request.getUriInfo());
        String account = body.text("account").orElse(null);
        String message = body.text("message").orElse(null);
        String clientId = body.text("client_id").orElse(null);
        Message sent = sendMessage.send(new SendMessage.Command(caller, account, message, clientId)).message();
        return Json.ok(new SentJson("Message sent successfully.", sent.id().value(), time.format(sent.sentAt())));
    }
}
