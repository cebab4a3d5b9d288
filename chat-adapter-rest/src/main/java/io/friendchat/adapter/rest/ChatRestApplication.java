package io.friendchat.adapter.rest;

import io.friendchat.application.ChatUseCases;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** A ready Jersey application serving the friendchat HTTP API at its root. */
public final class ChatRestApplication {

    private ChatRestApplication() {
    }

    public static ResourceConfig create(ChatUseCases useCases, RestSettings settings) {
        return new ResourceConfig()
                // Nothing found on the class path may add its own readers, writers or error pages.
                .property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE_SERVER, true)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .register(new ChatRestFeature(useCases, settings));
    }
}
