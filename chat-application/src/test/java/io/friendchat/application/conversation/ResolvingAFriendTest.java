package io.friendchat.application.conversation;

import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountNotFound;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the {@code account} a caller gives names a friend: username exactly, else email ignoring case. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ResolvingAFriendTest {

    private static final Locale MACHINE_LOCALE = Locale.getDefault();

    private final TestChat chat = TestChat.aChat();
    private final Account alice = chat.add(anAccount(1, "alice"));

    @AfterEach
    void restoreTheMachineLocale() {
        Locale.setDefault(MACHINE_LOCALE);
    }

    private Account friend(long id, String username, String email) {
        Account friend = chat.add(anAccount(id, username).withEmail(email));
        chat.befriend(alice, friend);
        return friend;
    }

    private Account receiverOf(String account) {
        Message sent = chat.send(alice, account, "hi", null).message();
        return chat.directory.byId(sent.receiver()).orElseThrow();
    }

    @Test
    void a_username_names_its_account() {
        Account bob = friend(2, "Bob", "bob@example.com");

        assertThat(receiverOf("Bob")).isEqualTo(bob);
    }

    @Test
    void a_username_is_matched_case_sensitively() {
        friend(2, "Bob", "robert@example.com");

        assertThatThrownBy(() -> chat.send(alice, "bob", "hi", null))
                .isInstanceOfSatisfying(AccountNotFound.class, e -> assertThat(e.handle()).isEqualTo("bob"))
                .hasMessage("No account matches that username or email.");
    }

    @Test
    void an_email_names_its_account_ignoring_case() {
        Account bob = friend(2, "bob", "Bob.Smith@Example.com");

        assertThat(receiverOf("BOB.SMITH@EXAMPLE.COM")).isEqualTo(bob);
        assertThat(receiverOf("bob.smith@example.com")).isEqualTo(bob);
    }

    @Test
    void an_email_with_an_accented_capital_matches_its_lower_case() {
        Account eloise = friend(2, "eloise", "\u00C9LOISE@EXAMPLE.FR");

        assertThat(receiverOf("\u00E9loise@example.fr")).isEqualTo(eloise);
    }

    @Test
    void an_email_with_a_dotted_capital_i_matches_as_unicode_lower_cases_it_on_any_machine() {
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        Account idil = friend(2, "idil", "\u0130DIL@EXAMPLE.COM"); // İDIL

        // Locale.ROOT: İ -> i + U+0307 and I -> i, whatever the machine's locale says.
        assertThat(receiverOf("i\u0307dil@example.com")).isEqualTo(idil);
        assertThatThrownBy(() -> chat.send(alice, "\u0131dil@example.com", "hi", null)) // dotless ı
                .isInstanceOf(AccountNotFound.class);
    }

    @Test
    void a_username_match_wins_over_another_accounts_email() {
        Account byEmail = friend(2, "carol", "dave@example.com");
        Account byUsername = friend(3, "dave@example.com", "someone@example.com");

        assertThat(receiverOf("dave@example.com")).isEqualTo(byUsername).isNotEqualTo(byEmail);
    }

    @Test
    void an_email_is_not_matched_as_a_username_ignoring_case() {
        Account upper = friend(2, "Dave@Example.com", "d1@example.com");

        assertThatThrownBy(() -> chat.send(alice, "dave@example.com", "hi", null))
                .isInstanceOf(AccountNotFound.class);
        assertThat(receiverOf("Dave@Example.com")).isEqualTo(upper);
    }

    @Test
    void an_unknown_account_is_not_found_on_send_read_and_mark_read() {
        assertThatThrownBy(() -> chat.send(alice, "nobody", "hi", null)).isInstanceOf(AccountNotFound.class);
        assertThatThrownBy(() -> chat.read(alice, "nobody", null, null)).isInstanceOf(AccountNotFound.class);
        assertThatThrownBy(() -> chat.useCases.markRead().mark(alice, "nobody", 1))
                .isInstanceOf(AccountNotFound.class);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "   ", "\u00A0", "\u3000\t"})
    void a_missing_or_blank_account_is_invalid(String blank) {
        assertThatThrownBy(() -> chat.send(alice, blank, "hi", null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> chat.read(alice, blank, null, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> chat.useCases.markRead().mark(alice, blank, 1)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void an_account_of_254_characters_is_looked_up() {
        String email = "b".repeat(242) + "@example.com";
        Account bob = friend(2, "bob", email);

        assertThat(receiverOf(email.toUpperCase(Locale.ROOT))).isEqualTo(bob);
    }

    @Test
    void an_account_over_254_characters_is_invalid() {
        String tooLong = "b".repeat(243) + "@example.com";

        assertThatThrownBy(() -> chat.send(alice, tooLong, "hi", null))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'account' is longer than 254 characters.");
        assertThatThrownBy(() -> chat.read(alice, tooLong, null, null)).isInstanceOf(InvalidInput.class);
    }
}
