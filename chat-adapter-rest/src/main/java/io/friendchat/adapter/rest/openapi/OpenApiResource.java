package io.friendchat.adapter.rest.openapi;

import io.friendchat.adapter.rest.internal.QueryParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi.json}: the hand-written OpenAPI 3.1 document of the whole HTTP API. No token. */
@Path("openapi.json")
public final class OpenApiResource {

    /** Where the document lives on the class path. */
    public static final String DOCUMENT = "/io/friendchat/adapter/rest/openapi.json";

    private final byte[] document = read();

    @GET
    public Response document(@Context UriInfo uri) {
        // No parameter is read, but a malformed query is refused as on every path (API.md).
        QueryParams.of(uri);
        return Response.ok(document, "application/json").build();
    }

    private static byte[] read() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
