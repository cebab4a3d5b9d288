package io.friendchat.application.message;

import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MessageTextOnSendTest {

    private static final String EMOJI = "\uD83D\uDE00";

    private TestChat chat = TestChat.aChat();
    private Account alice;
    private Account bob;

    private void meet() {
        alice = chat.add(anAccount(1, "alice"));
        bob = chat.add(anAccount(2, "bob"));
        chat.befriend(alice, bob);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", " ", "\u00A0", "\u3000", "\u2007", "\t\n", "\u0085", "\u00A0 \u3000\r\n"})
    void an_empty_or_white_space_message_is_refused_and_stores_nothing(String blank) {
        meet();

        assertThatThrownBy(() -> chat.send(alice, bob, blank)).isInstanceOf(InvalidInput.class);

        assertThat(chat.messages.all()).isEmpty();
        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void a_message_is_stored_exactly_as_given_without_trimming_or_escaping() {
        meet();
        String text = "  <b>hi</b> & \"you\"\u00A0\n\t" + EMOJI + " ";

        Message sent = chat.send(alice, bob, text);

        assertThat(sent.text()).isEqualTo(text);
        assertThat(chat.messages.all()).extracting(Message::text).containsExactly(text);
    }

    @Test
    void by_default_2000_emoji_are_accepted() {
        meet();

        assertThat(chat.send(alice, bob, EMOJI.repeat(2000)).text()).isEqualTo(EMOJI.repeat(2000));
    }

    @Test
    void by_default_2001_emoji_are_refused() {
        meet();

        assertThatThrownBy(() -> chat.send(alice, bob, EMOJI.repeat(2001)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'message' is longer than 2000 characters.");
        assertThat(chat.messages.all()).isEmpty();
    }

    @Test
    void the_maximum_length_comes_from_the_settings() {
        chat = TestChat.aChatWhere().maxMessageLength(10).build();
        meet();

        assertThat(chat.send(alice, bob, EMOJI.repeat(10)).text()).isEqualTo(EMOJI.repeat(10));
        assertThatThrownBy(() -> chat.send(alice, bob, "a".repeat(11)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'message' is longer than 10 characters.");
    }

    @Test
    void a_message_with_u0000_is_refused() {
        meet();

        assertThatThrownBy(() -> chat.send(alice, bob, "a\u0000b")).isInstanceOf(InvalidInput.class);
        assertThat(chat.messages.all()).isEmpty();
    }

    @Test
    void a_message_with_a_lone_surrogate_is_refused() {
        meet();

        assertThatThrownBy(() -> chat.send(alice, bob, "broken \uD83D")).isInstanceOf(InvalidInput.class);
        assertThat(chat.messages.all()).isEmpty();
    }

    @Test
    void a_missing_message_is_refused() {
        meet();

        assertThatThrownBy(() -> chat.send(alice, "bob", null, null))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'message' is required.");
    }
}
