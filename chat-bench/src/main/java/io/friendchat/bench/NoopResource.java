package io.friendchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * The baseline's bench-only endpoint, {@code /bench/noop/}: it reads and parses
 * the same JSON body as a send and answers a record of the same shape, without
 * touching a token, a database or a socket. Never mounted by the real server.
 */
@Path("bench/noop")
public final class NoopResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    record NoopJson(String success, long id, String time) {
    }

    @POST
    public Response post(InputStream body) throws IOException {
        JsonNode tree = JSON.readTree(body);
        long id = tree.path("message").asText("").length();
        return json(new NoopJson("Message sent successfully.", id, Instant.now().toString()));
    }

    @GET
    public Response get() throws IOException {
        return json(new NoopJson("ok", 0, Instant.now().toString()));
    }

    private static Response json(Object value) throws IOException {
        return Response.ok(JSON.writeValueAsBytes(value), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
