package io.friendchat.adapter.rest.chat;

import io.friendchat.adapter.rest.internal.Callers;
import io.friendchat.adapter.rest.internal.Json;
import io.friendchat.adapter.rest.internal.QueryParams;
import io.friendchat.adapter.rest.internal.WireTime;
import io.friendchat.application.ChatSettings;
import io.friendchat.application.conversation.ReadConversation;
import io.friendchat.application.conversation.ReadConversation.ConversationView;
import io.friendchat.domain.account.Account;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code GET /chat/conversation/?account=...}: a page of the caller's conversation with a friend. */
@Path("chat/conversation")
public final class ConversationResource {

    private final Callers callers;
    private final ReadConversation readConversation;
    private final ChatSettings chatSettings;
    private final WireTime time;

    public ConversationResource(Callers callers, ReadConversation readConversation, ChatSettings chatSettings,
                                WireTime time) {
        this.callers = callers;
        this.readConversation = readConversation;
        this.chatSettings = chatSettings;
        this.time = time;
    }

    @GET
    public Response read(@Context HttpHeaders headers, @Context UriInfo uri) {
        Account caller = callers.authenticate(headers);
        QueryParams query = QueryParams.of(uri);
        Long limit = query.wholeNumber("limit");
        ConversationView view = readConversation.read(new ReadConversation.Query(caller, query.text("account"),
                limit == null ? null : (int) Math.min(limit, Integer.MAX_VALUE), query.wholeNumber("before")));
        return Json.ok(view.page().conversationEmpty()
                ? ConversationJson.Empty.INSTANCE
                : ConversationJson.of(caller, view, chatSettings, time));
    }
}
