package io.friendchat.adapter.rest;

import io.friendchat.application.ChatPorts;
import io.friendchat.application.ChatSettings;
import io.friendchat.application.ChatUseCases;
import io.friendchat.application.access.AllowedOrigins;
import io.friendchat.application.local.LocalPresence;
import io.friendchat.application.local.LocalTypingThrottle;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.friendchat.testkit.InMemoryDirectory;
import io.friendchat.testkit.InMemoryMessageStore;
import io.friendchat.testkit.MutableClock;
import io.friendchat.testkit.RecordingNotifier;
import io.friendchat.testkit.StaticTokens;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

/** The feature on its own, in a host's ResourceConfig under a context path, with the testkit's static tokens. */
class ChatRestFeatureTest {

    @Test
    void servesUnderAContextPath() throws Exception {
        InMemoryDirectory directory = new InMemoryDirectory();
        StaticTokens tokens = new StaticTokens();
        ChatPorts ports = new ChatPorts(directory, directory, new InMemoryMessageStore(), new RecordingNotifier(),
                new LocalPresence(), RateLimiter.unlimited(), new LocalTypingThrottle(), tokens,
                MutableClock.at("2024-09-28T14:41:27Z"), null);
        ChatUseCases useCases = ChatUseCases.over(ports, ChatSettings.defaults());
        RestSettings settings = new RestSettings(ZoneOffset.UTC, "/2fa/", AllowedOrigins.parse("https://app.example"),
                "ignored-without-a-directory", () -> Map.of("database", true));
        String token = tokens.issue(directory.add(anAccount(1, "ayrei").build()).id());
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/api/"),
                new ResourceConfig().register(new ChatRestFeature(useCases, settings)), true);
        try {
            String base = "http://127.0.0.1:" + server.getListener("grizzly").getPort() + "/api";
            // HTTP/1.1 only: the JDK client's default first request asks to upgrade to h2c, and plain Grizzly
            // closes such a connection after its answer without saying so, so a request sent on it next was
            // sometimes met by the close (16-17 of 40 in a probe; 0 of 40 with HTTP/1.1).
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();

            HttpResponse<String> inbox = client.send(HttpRequest.newBuilder(URI.create(base + "/chat/list-conversation/"))
                    .header("Authorization", "Bearer " + token).header("Origin", "https://app.example")
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(inbox.statusCode()).isEqualTo(200);
            assertThat(Reply.parse(inbox.body())).isEqualTo(Reply.json("{'vide': true, 'info': []}"));
            assertThat(inbox.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");

            HttpResponse<String> preflight = client.send(HttpRequest.newBuilder(URI.create(base + "/chat/x/"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example")
                    .header("Access-Control-Request-Method", "GET").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);

            // A host that brings its own accounts has no directory, so no admin API even with a token.
            HttpResponse<String> admin = client.send(HttpRequest.newBuilder(URI.create(base + "/admin/accounts/a/"))
                    .header("Authorization", "Bearer ignored-without-a-directory").timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(admin.statusCode()).isEqualTo(404);
        } finally {
            server.shutdownNow();
        }
    }
}
