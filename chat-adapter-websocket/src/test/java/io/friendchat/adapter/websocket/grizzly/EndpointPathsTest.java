package io.friendchat.adapter.websocket.grizzly;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A handshake's path finds the endpoint Tyrus would route it to, so the origin check misses none. */
class EndpointPathsTest {

    private final ServerEndpointConfig slash = config("/ws/connection/");
    private final ServerEndpointConfig bare = config("/ws/connection");
    private final ServerEndpointConfig room = config("/rooms/{id}");
    private final ServerEndpointConfig lobby = config("/rooms/lobby");
    private final EndpointPaths paths = new EndpointPaths(List.of(slash, bare, room, lobby));

    @Test
    void a_path_finds_its_endpoint_with_or_without_the_trailing_slash() {
        assertThat(paths.find("/ws/connection/")).contains(slash);
        assertThat(paths.find("/ws/connection")).contains(bare);
    }

    @Test
    void percent_escapes_are_decoded_as_tyrus_decodes_them() {
        assertThat(paths.find("/ws/%63onnection/")).contains(slash);
        assertThat(paths.find("/%77s/connection")).contains(bare);
    }

    @Test
    void a_template_takes_any_segment_and_a_literal_path_comes_first() {
        assertThat(paths.find("/rooms/42")).contains(room);
        assertThat(paths.find("/rooms/lobby")).contains(lobby);
    }

    @Test
    void other_paths_and_bad_escapes_find_nothing() {
        assertThat(paths.find("/ws/connection/more")).isEmpty();
        assertThat(paths.find("/ws/")).isEmpty();
        assertThat(paths.find("/ws/%zzonnection/")).isEqualTo(Optional.empty());
    }

    private static ServerEndpointConfig config(String path) {
        return ServerEndpointConfig.Builder.create(Nothing.class, path).build();
    }

    /** An endpoint that is never opened here. */
    public static final class Nothing extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }
}
