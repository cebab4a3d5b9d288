package io.friendchat.adapter.websocket;

import io.friendchat.application.access.AllowedOrigins;
import io.friendchat.domain.account.Account;
import io.friendchat.testkit.AccountFixtures;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sockets the server refuses: closed at once with API.md's code and a reason, never sent an event. */
@Timeout(30)
class RefusalsTest {

    private LiveWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void an_unknown_token_is_closed_with_4401_and_a_reason() {
        world = LiveWorld.start();
        try (Client client = Client.connect(world.uri("/ws/connection/?token=forged"))) {
            CloseReason reason = client.awaitClose();

            assertThat(reason.getCloseCode().getCode()).isEqualTo(4401);
            assertThat(reason.getReasonPhrase()).isNotBlank();
            assertThat(client.frames).isEmpty();
        }
        assertThat(world.sessions.openSockets()).isZero();
    }

    @Test
    void no_token_at_all_and_a_token_given_twice_are_4401() {
        world = LiveWorld.start();
        Account bob = world.account(2, "bob");
        String token = world.token(bob);
        for (String query : List.of("", "?token=", "?token=" + token + "&token=" + token)) {
            try (Client client = Client.connect(world.uri("/ws/connection/" + query))) {
                assertThat(client.awaitClose().getCloseCode().getCode()).as(query).isEqualTo(4401);
            }
        }
    }

    @Test
    void a_header_that_is_not_bearer_counts_as_no_token() {
        world = LiveWorld.start();
        Account bob = world.account(2, "bob");
        try (Client client = Client.connect(world.uri("/ws/connection/"),
                Map.of("Authorization", "Basic " + world.token(bob)), session -> { })) {
            assertThat(client.awaitClose().getCloseCode().getCode()).isEqualTo(4401);
        }
    }

    @Test
    void a_pending_second_factor_is_closed_with_4403_and_gets_no_event() {
        world = LiveWorld.start();
        Account ayrei = world.account(1, "ayrei");
        Account guarded = world.directory.add(AccountFixtures.anAccount(3, "guarded").withTwoFactor().build());
        world.befriend(ayrei, guarded);
        String pending = world.tokens.issue(guarded.id(), false);
        try (Client client = Client.connect(world.uri("/ws/connection/?token=" + pending))) {
            CloseReason reason = client.awaitClose();
            world.send(ayrei, guarded, "you cannot see this");

            assertThat(reason.getCloseCode().getCode()).isEqualTo(4403);
            assertThat(reason.getReasonPhrase()).isEqualTo("Two-factor authentication required.");
            client.expectNothingFor(Duration.ofMillis(200));
        }
        assertThat(world.presence.isOnline(guarded.id())).isFalse();
    }

    @Test
    void a_verified_second_factor_is_served() {
        world = LiveWorld.start();
        Account ayrei = world.account(1, "ayrei");
        Account guarded = world.directory.add(AccountFixtures.anAccount(3, "guarded").withTwoFactor().build());
        world.befriend(ayrei, guarded);
        String verified = world.tokens.issue(guarded.id(), true);
        try (Client client = Client.connect(world.uri("/ws/connection/?token=" + verified))) {
            world.send(ayrei, guarded, "verified");

            assertThat(client.next().get("message").asText()).isEqualTo("verified");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "x", "1.5", "", "%2B1", "99999999999999999999", "1&after=2"})
    void a_bad_after_is_closed_with_4400_and_a_reason(String after) {
        world = LiveWorld.start();
        Account bob = world.account(2, "bob");
        try (Client client = Client.connect(world.socketOf(bob, "&after=" + after))) {
            CloseReason reason = client.awaitClose();

            assertThat(reason.getCloseCode().getCode()).isEqualTo(4400);
            assertThat(reason.getReasonPhrase()).contains("'after'");
            assertThat(client.frames).isEmpty();
        }
        assertThat(world.presence.isOnline(bob.id())).isFalse();
    }

    @Test
    void a_token_is_checked_before_after() {
        world = LiveWorld.start();
        try (Client client = Client.connect(world.uri("/ws/connection/?token=forged&after=x"))) {
            assertThat(client.awaitClose().getCloseCode().getCode()).isEqualTo(4401);
        }
    }

    @Test
    void an_unreachable_database_at_the_handshake_is_1013() {
        world = LiveWorld.start();
        Account bob = world.account(2, "bob");
        String socket = "/ws/connection/?token=" + world.token(bob);
        world.storeDown(true);
        try (LoggedRecords logged = LoggedRecords.of(SocketCloses.class);
             Client client = Client.connect(world.uri(socket))) {
            CloseReason reason = client.awaitClose();

            assertThat(reason.getCloseCode().getCode()).isEqualTo(1013);
            assertThat(reason.getReasonPhrase()).isEqualTo("The database cannot be reached: try again later.");
            // The client is told to come back later; the operator is told why.
            assertThat(logged.lines()).containsExactly(
                    "WARNING a socket was closed with 1013, the store is unavailable: the database cannot be reached");
        }
    }

    @Test
    void a_client_mistake_is_told_to_the_client_and_not_logged() {
        world = LiveWorld.start();
        try (LoggedRecords logged = LoggedRecords.of(SocketCloses.class);
             Client client = Client.connect(world.uri("/ws/connection/?token=forged"))) {
            assertThat(client.awaitClose().getCloseCode().getCode()).isEqualTo(4401);
            assertThat(logged.lines()).isEmpty();
        }
    }

    /** The preflight's refusal, byte for byte: one text for a disallowed origin, whatever it asked for. */
    private static final String ORIGIN_REFUSED = "{\"error\":\"This origin may not call the chat API; ask for it to be "
            + "added to CHAT_ALLOWED_ORIGINS.\",\"code\":\"origin_not_allowed\"}";

    @ParameterizedTest
    @ValueSource(strings = {"/ws/connection/", "/ws/connection", "/ws/%63onnection/"})
    void an_origin_not_allowed_is_a_complete_403_in_json_before_the_upgrade_and_the_connection_closes(String path) {
        world = LiveWorld.start(originsAllowed("https://app.example.com"));
        Account bob = world.account(2, "bob");

        // Read to the end: an answer without a length on a connection left open would hang here until the timeout.
        RawSocket.Refusal refusal = RawSocket.refused(world.port(), path + "?token=" + world.token(bob),
                Map.of("Origin", "https://evil.example.com"), Duration.ofSeconds(5));

        assertThat(refusal.statusLine()).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(refusal.headers()).contains("Content-Type: application/json", "Connection: close",
                "Content-Length: " + ORIGIN_REFUSED.getBytes(StandardCharsets.UTF_8).length);
        assertThat(refusal.headers()).noneMatch(header -> header.startsWith("Access-Control-"));
        assertThat(refusal.body()).isEqualTo(ORIGIN_REFUSED);
        assertThat(world.accountStoreThreads).as("no authentication for a refused origin").isEmpty();
        assertThat(world.sessions.openSockets()).isZero();
    }

    @Test
    void an_allowed_origin_and_no_origin_at_all_are_accepted() {
        world = LiveWorld.start(originsAllowed("https://app.example.com"));
        Account bob = world.account(2, "bob");
        try (RawSocket allowed = RawSocket.open(world.port(), "/ws/connection/?token=" + world.token(bob),
                Map.of("Origin", "https://APP.example.com"));
             RawSocket noOrigin = RawSocket.open(world.port(), "/ws/connection/?token=" + world.token(bob), Map.of())) {
            assertThat(allowed.status).isEqualTo(101);
            assertThat(noOrigin.status).isEqualTo(101);
        }
    }

    private static WebSocketSettings originsAllowed(String origins) {
        return new WebSocketSettings(ZoneOffset.UTC, Duration.ofSeconds(30), AllowedOrigins.parse(origins),
                WebSocketSettings.DEFAULT_MAX_BACKLOG);
    }
}
