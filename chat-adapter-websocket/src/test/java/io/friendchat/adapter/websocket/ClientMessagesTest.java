package io.friendchat.adapter.websocket;

import io.friendchat.domain.account.Account;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What clients send: TYPING is forwarded, other text ignored, anything over 64 KiB closes with 1009. */
@Timeout(30)
class ClientMessagesTest {

    @AutoClose
    private final LiveWorld world = LiveWorld.start();
    private final LiveWorld.Friends friends = world.ayreiAndBob();
    private final Account ayrei = friends.ayrei();
    private final Account bob = friends.bob();

    @Test
    void a_message_of_exactly_64_kib_is_accepted_and_one_byte_more_closes_with_1009() {
        try (RawSocket fits = open(bob); RawSocket over = open(bob)) {
            fits.send(RawSocket.TEXT, true, ascii(65_536));
            over.send(RawSocket.TEXT, true, ascii(65_537));

            assertThat(closeCodeOf(over)).isEqualTo(1009);
            world.send(ayrei, bob, "still open");
            assertThat(fits.readSkippingPings(Duration.ofSeconds(5)).opcode()).isEqualTo(RawSocket.TEXT);
        }
    }

    @Test
    void a_frame_of_megabytes_is_1009_too() {
        try (RawSocket client = open(bob)) {
            client.send(RawSocket.TEXT, true, ascii(5_000_000));

            assertThat(closeCodeOf(client)).isEqualTo(1009);
        }
        Wait.until(() -> !world.presence.isOnline(bob.id()) && world.sessions.openSockets() == 0);
    }

    @Test
    void two_frames_of_64_kib_back_to_back_are_both_accepted() {
        try (RawSocket client = open(bob)) {
            client.send(RawSocket.TEXT, true, ascii(65_536));
            client.send(RawSocket.TEXT, true, ascii(65_536));
            world.send(ayrei, bob, "still open");

            assertThat(client.readSkippingPings(Duration.ofSeconds(5)).opcode()).isEqualTo(RawSocket.TEXT);
        }
    }

    @Test
    void fragments_are_put_together_before_they_are_measured() {
        try (RawSocket client = open(bob)) {
            client.send(RawSocket.TEXT, false, ascii(30_000));
            client.send(RawSocket.CONTINUATION, false, ascii(30_000));
            client.send(RawSocket.CONTINUATION, true, ascii(6_000));

            assertThat(closeCodeOf(client)).isEqualTo(1009);
        }
    }

    @Test
    void the_limit_counts_bytes_of_utf8_not_characters() {
        // 22,000 euro signs: 22,000 characters but 66,000 bytes.
        try (RawSocket client = open(bob)) {
            client.send(RawSocket.TEXT, true, "\u20ac".repeat(22_000).getBytes(StandardCharsets.UTF_8));

            assertThat(closeCodeOf(client)).isEqualTo(1009);
        }
    }

    @Test
    void binary_messages_are_measured_too() {
        try (RawSocket client = open(bob)) {
            client.send(RawSocket.BINARY, false, new byte[40_000]);
            client.send(RawSocket.CONTINUATION, true, new byte[40_000]);

            assertThat(closeCodeOf(client)).isEqualTo(1009);
        }
    }

    @Test
    void text_the_server_does_not_understand_is_ignored() {
        try (Client bobs = Client.connect(world.socketOf(bob, ""))) {
            for (String garbage : new String[]{"hello", "{", "[]", "null", "{\"case\":\"NEW_MESSAGE\"}",
                    "{\"case\":\"TYPING\",\"account\":7}", "{\"case\":\"typing\",\"account\":\"ayrei\"}"}) {
                bobs.send(garbage);
            }
            world.send(ayrei, bob, "after the garbage");

            assertThat(bobs.next().get("message").asText()).isEqualTo("after the garbage");
            assertThat(bobs.isOpen()).isTrue();
        }
    }

    @Test
    void typing_reaches_the_friends_sockets_that_asked_for_it_at_most_once_per_window() {
        try (Client ayreis = Client.connect(world.socketOf(ayrei, "&events=TYPING"));
             Client ayreisOtherTab = Client.connect(world.socketOf(ayrei, ""));
             Client bobs = Client.connect(world.socketOf(bob, ""))) {
            bobs.send("{\"case\": \"TYPING\", \"account\": \"ayrei\"}");
            ayreis.expect("""
                    {"case": "TYPING", "sender": "bob"}""");

            bobs.send("{\"case\": \"TYPING\", \"account\": \"AYREI@example.com\"}");
            ayreis.expectNothingFor(Duration.ofMillis(500));
            ayreisOtherTab.expectNothingFor(Duration.ofMillis(10));
        }
    }

    @Test
    void typing_to_a_stranger_or_an_unknown_account_is_dropped() {
        Account stranger = world.account(3, "stranger");
        try (Client strangers = Client.connect(world.socketOf(stranger, "&events=TYPING"));
             Client bobs = Client.connect(world.socketOf(bob, ""))) {
            bobs.send("{\"case\": \"TYPING\", \"account\": \"stranger\"}");
            bobs.send("{\"case\": \"TYPING\", \"account\": \"nobody\"}");

            strangers.expectNothingFor(Duration.ofMillis(500));
            assertThat(bobs.isOpen()).isTrue();
        }
    }

    private RawSocket open(Account account) {
        RawSocket socket = RawSocket.open(world.port(), "/ws/connection/?token=" + world.token(account), Map.of());
        assertThat(socket.status).isEqualTo(101);
        return socket;
    }

    private static int closeCodeOf(RawSocket socket) {
        RawSocket.RawFrame frame = socket.readSkippingPings(Duration.ofSeconds(5));
        assertThat(frame).isNotNull();
        assertThat(frame.opcode()).isEqualTo(RawSocket.CLOSE);
        return frame.closeCode();
    }

    private static byte[] ascii(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }
}
