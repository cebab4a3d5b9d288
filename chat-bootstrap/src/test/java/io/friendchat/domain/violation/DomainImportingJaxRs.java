package io.friendchat.domain.violation;

import io.friendchat.application.ChatSettings;
import io.friendchat.bootstrap.ServerConfig;
import jakarta.ws.rs.core.Response;

/** A deliberate violation (test code only): a domain class that knows JAX-RS, a use case and the bootstrap. */
public class DomainImportingJaxRs {

    public Response answer(ChatSettings settings, ServerConfig config) {
        return Response.ok(settings.toString() + config).build();
    }
}
