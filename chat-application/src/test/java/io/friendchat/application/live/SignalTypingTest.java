package io.friendchat.application.live;

import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.live.TypingEvent;
import io.friendchat.testkit.RecordingNotifier.Delivery;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SignalTypingTest {

    private final TestChat chat = TestChat.aChat();
    private final Account alice = chat.add(anAccount(1, "alice"));
    private final Account bob = chat.add(anAccount(2, "bob").withEmail("bob@example.com"));
    private final Account carol = chat.add(anAccount(3, "carol"));
    private final Account stranger = chat.add(anAccount(4, "stranger"));

    {
        chat.befriend(alice, bob);
        chat.befriend(alice, carol);
    }

    private boolean typing(Account sender, String account) {
        return chat.useCases.signalTyping().signal(sender, account);
    }

    @Test
    void typing_to_a_friend_reaches_that_friend() {
        assertThat(typing(alice, "bob")).isTrue();

        assertThat(chat.notifier.deliveries()).containsExactly(new Delivery(bob.id(), new TypingEvent("alice")));
    }

    @Test
    void the_friend_may_be_named_by_email() {
        assertThat(typing(alice, "Bob@Example.com")).isTrue();
        assertThat(chat.notifier.deliveredTo(bob.id())).containsExactly(new TypingEvent("alice"));
    }

    @Test
    void typing_to_a_stranger_is_silently_dropped() {
        assertThat(typing(alice, "stranger")).isFalse();
        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullSource
    @ValueSource(strings = {"", " ", "\u00A0", "nobody", "bob\uD83D"})
    void typing_to_no_account_is_silently_dropped(String account) {
        assertThat(typing(alice, account)).isFalse();
        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void typing_to_an_over_long_account_is_silently_dropped() {
        assertThat(typing(alice, "b".repeat(255))).isFalse();
    }

    @Test
    void a_second_signal_within_two_seconds_is_dropped() {
        typing(alice, "bob");
        chat.nanoTime.advance(Duration.ofMillis(1999));

        assertThat(typing(alice, "bob")).isFalse();
        assertThat(chat.notifier.deliveries()).hasSize(1);
    }

    @Test
    void a_signal_two_seconds_later_is_forwarded_again() {
        typing(alice, "bob");
        chat.nanoTime.advance(Duration.ofSeconds(2));

        assertThat(typing(alice, "bob")).isTrue();
        assertThat(chat.notifier.deliveries()).hasSize(2);
    }

    @Test
    void the_window_is_per_sender_and_receiver() {
        typing(alice, "bob");

        assertThat(typing(alice, "carol")).isTrue();
        assertThat(typing(bob, "alice")).isTrue();
        assertThat(typing(alice, "bob")).isFalse();
    }

    @Test
    void a_dropped_signal_to_a_non_friend_does_not_start_a_window() {
        chat.unfriend(alice, bob);
        assertThat(typing(alice, "bob")).isFalse();

        chat.befriend(alice, bob);

        assertThat(typing(alice, "bob")).isTrue();
    }
}
