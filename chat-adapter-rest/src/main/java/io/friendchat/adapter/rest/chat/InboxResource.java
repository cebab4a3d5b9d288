package io.friendchat.adapter.rest.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.friendchat.adapter.rest.internal.Callers;
import io.friendchat.adapter.rest.internal.Json;
import io.friendchat.adapter.rest.internal.QueryParams;
import io.friendchat.adapter.rest.internal.WireTime;
import io.friendchat.application.ChatSettings;
import io.friendchat.application.Profile;
import io.friendchat.application.conversation.ListConversations;
import io.friendchat.application.conversation.ListConversations.InboxRow;
import io.friendchat.domain.account.Account;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** {@code GET /chat/list-conversation/}: the caller's inbox, most recent conversation first. */
@Path("chat/list-conversation")
public final class InboxResource {

    private final Callers callers;
    private final ListConversations listConversations;
    private final ChatSettings chatSettings;
    private final WireTime time;

    public InboxResource(Callers callers, ListConversations listConversations, ChatSettings chatSettings,
                         WireTime time) {
        this.callers = callers;
        this.listConversations = listConversations;
        this.chatSettings = chatSettings;
        this.time = time;
    }

    @JsonPropertyOrder({"vide", "info"})
    record InboxJson(boolean vide, List<RowJson> info) {
    }

    @JsonPropertyOrder({"on_talk", "online", "picture", "full_name", "sender", "reciver", "message", "time", "unread"})
    record RowJson(@JsonProperty("on_talk") String onTalk, boolean online, String picture,
                   @JsonProperty("full_name") String fullName, String sender, String reciver, String message,
                   String time, long unread) {
    }

    @GET
    public Response list(@Context HttpHeaders headers, @Context UriInfo uri) {
        Account caller = callers.authenticate(headers);
        QueryParams.of(uri);
        List<RowJson> rows = listConversations.list(caller).stream().map(row -> row(caller, row)).toList();
        return Json.ok(new InboxJson(rows.isEmpty(), rows));
    }

    private RowJson row(Account caller, InboxRow row) {
        Profile partner = Profile.of(row.partner(), chatSettings);
        boolean fromCaller = row.latest().sender().equals(caller.id());
        String sender = fromCaller ? caller.username().value() : partner.username();
        String receiver = fromCaller ? partner.username() : caller.username().value();
        return new RowJson(partner.username(), row.online(), partner.picture(), partner.fullName(), sender, receiver,
                row.latest().text(), time.format(row.latest().sentAt()), row.unread());
    }
}
