package io.friendchat.adapter.websocket.grizzly;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WebSockets and plain HTTP handlers share one Grizzly port. */
@Timeout(30)
class SharedPortWebSocketsTest {

    private HttpServer server;
    private int port;

    /** Echoes text back, upper-cased. */
    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                    session.getAsyncRemote().sendText(text.toUpperCase()));
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = new HttpServer();
        server.addListener(new NetworkListener(SharedPortWebSockets.LISTENER, "127.0.0.1", 0));
        server.getServerConfiguration().addHttpHandler(new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws IOException {
                response.setContentType("text/plain");
                response.getWriter().write("http " + request.getRequestURI());
            }
        }, "/");
        SharedPortWebSockets.attach(server, List.of(ServerEndpointConfig.Builder.create(Echo.class, "/echo").build()));
        server.start();
        port = server.getListener(SharedPortWebSockets.LISTENER).getPort();
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    @Test
    void http_and_websocket_answer_on_the_same_port() throws Exception {
        HttpResponse<String> http = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(http.statusCode()).isEqualTo(200);
        assertThat(http.body()).isEqualTo("http /health");

        CompletableFuture<String> echoed = new CompletableFuture<>();
        Session session = ClientManager.createClient().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) echoed::complete);
            }
        }, ClientEndpointConfig.Builder.create().build(), URI.create("ws://127.0.0.1:" + port + "/echo"));
        session.getBasicRemote().sendText("shared");
        assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("SHARED");
        session.close();
    }

    @Test
    void a_plain_request_to_a_socket_path_falls_through_to_the_http_handlers() throws Exception {
        HttpResponse<String> http = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(http.body()).isEqualTo("http /echo");
    }

    @Test
    void upgraded_connections_are_not_reaped_by_the_keep_alive_timeout_and_late_attaching_is_refused() {
        assertThat(server.getListener(SharedPortWebSockets.LISTENER).getKeepAlive().getIdleTimeoutInSeconds())
                .isEqualTo(-1);
        assertThatThrownBy(() -> SharedPortWebSockets.attach(server, List.of()))
                .isInstanceOf(IllegalStateException.class);
    }
}
