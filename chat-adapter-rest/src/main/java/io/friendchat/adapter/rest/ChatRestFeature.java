package io.friendchat.adapter.rest;

import io.friendchat.adapter.rest.admin.AccountsResource;
import io.friendchat.adapter.rest.admin.AdminGate;
import io.friendchat.adapter.rest.admin.FriendshipsResource;
import io.friendchat.adapter.rest.chat.ConversationResource;
import io.friendchat.adapter.rest.chat.InboxResource;
import io.friendchat.adapter.rest.chat.MessageResource;
import io.friendchat.adapter.rest.chat.ReadResource;
import io.friendchat.adapter.rest.health.HealthResource;
import io.friendchat.adapter.rest.internal.Callers;
import io.friendchat.adapter.rest.internal.ChatExceptionMapper;
import io.friendchat.adapter.rest.internal.CorsHeadersFilter;
import io.friendchat.adapter.rest.internal.HeaderGuardFilter;
import io.friendchat.adapter.rest.internal.HttpFailureMapper;
import io.friendchat.adapter.rest.internal.JerseyExceptionMapper;
import io.friendchat.adapter.rest.internal.PreflightFilter;
import io.friendchat.adapter.rest.internal.UnexpectedExceptionMapper;
import io.friendchat.adapter.rest.internal.UnreadBodyFilter;
import io.friendchat.adapter.rest.internal.WireTime;
import io.friendchat.adapter.rest.live.SocketPathResource;
import io.friendchat.adapter.rest.openapi.OpenApiResource;
import io.friendchat.application.ChatUseCases;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.server.ServerProperties;

import java.util.Objects;

/** The whole friendchat HTTP API (chat, admin, health, its OpenAPI document) as one Jersey feature over the use cases. */
public final class ChatRestFeature implements Feature {

    private final ChatUseCases useCases;
    private final RestSettings settings;

    public ChatRestFeature(ChatUseCases useCases, RestSettings settings) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public boolean configure(FeatureContext context) {
        context.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        context.register(new HeaderGuardFilter());
        context.register(new PreflightFilter(settings.allowedOrigins()));
        context.register(new CorsHeadersFilter(settings.allowedOrigins()));
        context.register(new UnreadBodyFilter());
        context.register(new ChatExceptionMapper(settings.twoFactorUrl()));
        context.register(new HttpFailureMapper());
        context.register(new JerseyExceptionMapper());
        context.register(new UnexpectedExceptionMapper());

        Callers callers = new Callers(useCases.authenticateCaller());
        WireTime time = new WireTime(settings.timeZone());
        context.register(new ConversationResource(callers, useCases.readConversation(), useCases.settings(), time));
        context.register(new MessageResource(callers, useCases.sendMessage(), time));
        context.register(new InboxResource(callers, useCases.listConversations(), useCases.settings(), time));
        context.register(new ReadResource(callers, useCases.markRead()));
        context.register(new HealthResource(settings.health()));
        context.register(new SocketPathResource());
        context.register(new OpenApiResource());

        if (settings.adminEnabled() && useCases.manageAccounts().isPresent()
                && useCases.manageFriendships().isPresent()) {
            AdminGate gate = new AdminGate(settings.adminToken());
            context.register(new AccountsResource(gate, useCases.manageAccounts().get()));
            context.register(new FriendshipsResource(gate, useCases.manageFriendships().get()));
        }
        return true;
    }
}
