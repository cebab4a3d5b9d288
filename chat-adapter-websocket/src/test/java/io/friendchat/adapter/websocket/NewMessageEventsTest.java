package io.friendchat.adapter.websocket;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket of a client written for the original note: NEW_MESSAGE frames, exactly. */
@Timeout(30)
class NewMessageEventsTest {

    @AutoClose
    private final LiveWorld world = LiveWorld.start();
    private final LiveWorld.Friends friends = world.ayreiAndBob();
    private final Account ayrei = friends.ayrei();
    private final Account bob = friends.bob();

    @Test
    void a_message_reaches_the_receiver_as_the_exact_new_message_frame() {
        try (Client bobs = Client.connect(world.socketOf(bob, ""))) {
            awaitOpen(1);
            Message sent = world.send(ayrei, bob, "hello 2");

            bobs.expect("""
                    {"case": "NEW_MESSAGE", "time": "2024-09-28 16:00:23", "message": "hello 2",
                     "sender": "ayrei", "picture": "http://pictures.example/ayrei.png", "full-name": "Full ayrei",
                     "id": %d, "reciver": "bob"}""".formatted(sent.id().value()));
        }
    }

    @Test
    void every_socket_of_the_receiver_gets_it_and_the_senders_own_socket_does_not() {
        try (Client tab1 = Client.connect(world.socketOf(bob, ""));
             Client tab2 = Client.connect(world.socketOf(bob, ""));
             Client ayreis = Client.connect(world.socketOf(ayrei, ""))) {
            awaitOpen(3);
            Message sent = world.send(ayrei, bob, "to both tabs");

            assertThat(tab1.next().get("id").asLong()).isEqualTo(sent.id().value());
            assertThat(tab2.next().get("id").asLong()).isEqualTo(sent.id().value());
            ayreis.expectNothingFor(Duration.ofMillis(300));
        }
    }

    @Test
    void the_path_without_its_slash_and_a_bearer_header_are_served_the_same() {
        try (Client bobs = Client.connect(world.uri("/ws/connection"),
                Map.of("Authorization", "bearer " + world.token(bob)), session -> { })) {
            awaitOpen(1);
            world.send(ayrei, bob, "no slash");

            assertThat(bobs.next().get("message").asText()).isEqualTo("no slash");
        }
    }

    @Test
    void a_message_sent_the_instant_the_client_sees_the_socket_open_is_delivered() {
        AtomicReference<Message> sent = new AtomicReference<>();
        try (Client bobs = Client.connect(world.socketOf(bob, ""), Map.of(),
                session -> sent.set(world.send(ayrei, bob, "right away")))) {
            assertThat(bobs.next().get("id").asLong()).isEqualTo(sent.get().id().value());
        }
    }

    @Test
    void text_keeps_unicode_and_json_specials_exactly() {
        String text = "quote \" backslash \\ newline \n emoji \uD83D\uDE00 \u00e9";
        try (Client bobs = Client.connect(world.socketOf(bob, ""))) {
            awaitOpen(1);
            world.send(ayrei, bob, text);

            assertThat(bobs.next().get("message").asText()).isEqualTo(text);
        }
    }

    @Test
    void a_browser_like_client_offering_compression_from_an_allowed_origin_gets_events() {
        try (RawSocket browser = RawSocket.open(world.port(), "/ws/connection/?token=" + world.token(bob),
                Map.of("Origin", "http://localhost:5173",
                        "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
            assertThat(browser.status).isEqualTo(101);
            awaitOpen(1);
            Message sent = world.send(ayrei, bob, "hi browser");

            RawSocket.RawFrame frame = browser.readSkippingPings(Duration.ofSeconds(5));
            assertThat(frame.opcode()).isEqualTo(RawSocket.TEXT);
            assertThat(Client.tree(frame.text()).get("id").asLong()).isEqualTo(sent.id().value());
        }
    }

    @Test
    void handshakes_never_read_the_account_store_on_a_selector_thread() {
        try (Client bobs = Client.connect(world.socketOf(bob, ""))) {
            awaitOpen(1);
        }
        System.out.println("account store read on: " + world.accountStoreThreads);
        assertThat(world.accountStoreThreads).isNotEmpty()
                .noneMatch(name -> name.contains("SelectorRunner") || name.contains("nio-kernel"));
    }

    private void awaitOpen(int sockets) {
        Wait.until(() -> world.sessions.openSockets() == sockets);
    }
}
