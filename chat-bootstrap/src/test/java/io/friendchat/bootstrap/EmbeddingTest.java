package io.friendchat.bootstrap;

import io.friendchat.adapter.rest.grizzly.GrizzlyRest;
import io.friendchat.adapter.websocket.grizzly.SharedPortWebSockets;
import io.friendchat.application.message.SendMessage;
import io.friendchat.domain.account.Account;
import io.friendchat.testkit.InMemoryDirectory;
import io.friendchat.testkit.InMemoryMessageStore;
import io.friendchat.testkit.StaticTokens;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host application embeds friendchat with its own (here in-memory) accounts,
 * friend graph and message store, and mounts the REST feature and the socket
 * endpoints in a server of its own under its own context path.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddingTest {

    private final InMemoryDirectory hostUsers = new InMemoryDirectory();
    private final InMemoryMessageStore messages = new InMemoryMessageStore();
    private final StaticTokens hostLogin = new StaticTokens();

    @Test
    void aHostMountsTheApiAndTheSocketInItsOwnServer() throws Exception {
        Account ana = hostUsers.add(anAccount(7, "ana").withFullName("Ana").build());
        Account ben = hostUsers.add(anAccount(8, "ben").withFullName("Ben").build());
        hostUsers.befriend(ana.id(), ben.id());

        try (FriendChat chat = FriendChat.builder()
                .accounts(hostUsers).friendships(hostUsers)
                .messages(messages)
                .tokenVerifier(hostLogin)
                .rateLimit(0)
                .build()) {
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/host/"),
                    new ResourceConfig().register(chat.restFeature()), false);
            GrizzlyRest.protect(server, 3);
            SharedPortWebSockets.attach(server, chat.webSocketEndpoints());
            server.start();
            int port = server.getListener("grizzly").getPort();
            try (SocketClient benOnline = SocketClient.connect(
                    URI.create("ws://127.0.0.1:" + port + "/ws/connection/?token=" + hostLogin.issue(ben.id())))) {

                HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/host/chat/message/"))
                        .header("Authorization", "Bearer " + hostLogin.issue(ana.id()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"account\": \"ben\", \"message\": \"hi Ben\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());

                assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
                assertThat(messages.all()).hasSize(1);
                assertThat(RunningServer.json(benOnline.next()).get("message").asText()).isEqualTo("hi Ben");
            } finally {
                server.shutdownNow();
            }
        }
    }

    @Test
    void aHostDrivesTheUseCasesWithoutAnyServer() {
        Account ana = hostUsers.add(anAccount(7, "ana").build());
        Account ben = hostUsers.add(anAccount(8, "ben").build());
        hostUsers.befriend(ana.id(), ben.id());
        try (FriendChat chat = FriendChat.builder()
                .accounts(hostUsers).friendships(hostUsers)
                .messages(messages)
                .tokenVerifier(hostLogin)
                .build()) {
            SendMessage.Sent sent = chat.useCases().sendMessage()
                    .send(new SendMessage.Command(ana, "ben@example.com", "by email", null));

            assertThat(sent.message().receiver()).isEqualTo(ben.id());
            assertThat(chat.useCases().listConversations().list(ben)).hasSize(1);
            assertThat(chat.useCases().manageAccounts()).as("no admin API over a host's accounts").isEmpty();
        }
    }
}
