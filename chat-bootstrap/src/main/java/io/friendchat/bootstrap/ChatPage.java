package io.friendchat.bootstrap;

import io.friendchat.adapter.rest.MalformedRequests;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The chat page of the standalone server: static files from the jar's {@code web/}
 * folder, at {@code /}. Only the page's own file names match, so every other path
 * stays the API's.
 */
@Path("/")
public final class ChatPage {

    @GET
    public Response index(@Context UriInfo uri) {
        MalformedRequests.refuseMalformedQuery(uri);
        return file("index.html");
    }

    @GET
    @Path("{file: index\\.html|app\\.css|js/[a-z0-9-]+\\.js}")
    public Response asset(@PathParam("file") String file, @Context UriInfo uri) {
        MalformedRequests.refuseMalformedQuery(uri);
        return file(file);
    }

    private static Response file(String name) {
        byte[] bytes = read("web/" + name);
        return Response.ok(bytes, mediaType(name)).header("Cache-Control", "no-cache").build();
    }

    private static byte[] read(String resource) {
        try (InputStream in = ChatPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mediaType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }
}
