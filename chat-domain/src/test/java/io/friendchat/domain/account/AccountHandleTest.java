package io.friendchat.domain.account;

import io.friendchat.domain.InvalidInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccountHandleTest {

    private static final Locale MACHINE_LOCALE = Locale.getDefault();

    @AfterEach
    void restoreTheMachineLocale() {
        Locale.setDefault(MACHINE_LOCALE);
    }

    private static Account account(String username, String email) {
        return new Account(AccountId.of(1), Username.of(username), email, "", null, false);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n", "\u00A0", "\u3000", "\u2007 \u0085"})
    void a_missing_or_blank_handle_is_invalid(String blank) {
        assertThatThrownBy(() -> AccountHandle.of(blank))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'account' is required: give the username or email of a friend.");
    }

    @Test
    void a_handle_of_254_characters_is_accepted() {
        String handle = "a".repeat(242) + "@example.com";

        assertThat(AccountHandle.of(handle).value()).hasSize(254);
    }

    @Test
    void a_handle_of_255_characters_is_invalid() {
        assertThatThrownBy(() -> AccountHandle.of("a".repeat(243) + "@example.com"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'account' is longer than 254 characters.");
    }

    @Test
    void the_length_is_counted_in_code_points_so_a_username_of_150_letters_outside_the_bmp_is_a_handle() {
        String gothicA = "\uD800\uDF30"; // U+10330, a letter: two UTF-16 units

        assertThat(AccountHandle.of(gothicA.repeat(150)).value()).hasSize(300);
        assertThat(AccountHandle.of(gothicA.repeat(254)).value()).hasSize(508);
        assertThatThrownBy(() -> AccountHandle.of(gothicA.repeat(255)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'account' is longer than 254 characters.");
    }

    @Test
    void a_handle_with_a_lone_surrogate_is_invalid() {
        assertThatThrownBy(() -> AccountHandle.of("bob\uD83D"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'account' is not valid Unicode text (a lone surrogate).");
    }

    @Test
    void a_handle_with_u0000_names_no_account_and_is_not_looked_up() {
        Accounts directory = new Accounts() {
            @Override
            public Optional<Account> byId(AccountId id) {
                throw new AssertionError("not asked");
            }

            @Override
            public Map<AccountId, Account> byIds(Collection<AccountId> ids) {
                throw new AssertionError("not asked");
            }

            @Override
            public Optional<Account> resolve(AccountHandle handle) {
                // As PostgreSQL does: it refuses a query that carries U+0000.
                throw new IllegalStateException("the directory was asked about " + handle.value());
            }
        };

        for (String handle : new String[] {"\u0000", "bob\u0000", "\u0000@example.com"}) {
            assertThat(AccountHandle.of(handle).canNameAnAccount()).as(handle).isFalse();
            assertThat(directory.find(AccountHandle.of(handle))).as(handle).isEmpty();
        }
        assertThat(AccountHandle.of("bob").canNameAnAccount()).isTrue();
        assertThatThrownBy(() -> directory.find(AccountHandle.of("bob"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_handle_is_kept_exactly_without_trimming() {
        assertThat(AccountHandle.of(" bob ").value()).isEqualTo(" bob ");
    }

    @Test
    void a_username_matches_only_exactly() {
        Account bob = account("Bob", "bob@example.com");

        assertThat(AccountHandle.of("Bob").isUsernameOf(bob)).isTrue();
        assertThat(AccountHandle.of("bob").isUsernameOf(bob)).isFalse();
        assertThat(AccountHandle.of("BOB").isUsernameOf(bob)).isFalse();
        assertThat(AccountHandle.of(" Bob").isUsernameOf(bob)).isFalse();
    }

    @Test
    void an_email_matches_ignoring_case() {
        Account bob = account("bob", "Bob.Smith@Example.com");

        assertThat(AccountHandle.of("bob.smith@example.com").isEmailOf(bob)).isTrue();
        assertThat(AccountHandle.of("BOB.SMITH@EXAMPLE.COM").isEmailOf(bob)).isTrue();
        assertThat(AccountHandle.of("bob.smith@example.org").isEmailOf(bob)).isFalse();
    }

    @Test
    void an_email_with_accented_capitals_matches_its_lower_case() {
        Account eloise = account("eloise", "\u00C9LO\u00CFSE@EXAMPLE.FR"); // ÉLOÏSE

        assertThat(AccountHandle.of("\u00E9lo\u00EFse@example.fr").isEmailOf(eloise)).isTrue();
        assertThat(AccountHandle.of("eloise@example.fr").isEmailOf(eloise)).isFalse();
    }

    @Test
    void emails_are_lower_cased_with_the_root_locale_even_on_a_turkish_machine() {
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        Account kim = account("kim", "KIM@EXAMPLE.COM");

        // In Turkish, "I" lower-cases to a dotless "ı": the root locale keeps emails machine-independent.
        assertThat(AccountHandle.of("kim@example.com").isEmailOf(kim)).isTrue();
        assertThat(AccountHandle.of("kim@example.com").emailKey()).isEqualTo("kim@example.com");
    }

    @Test
    void a_capital_i_with_a_dot_lower_cases_as_unicode_says_not_as_turkish_does() {
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        Account idil = account("idil", "\u0130D\u0130L@EXAMPLE.COM"); // İDİL

        assertThat(AccountHandle.of("i\u0307di\u0307l@example.com").isEmailOf(idil)).isTrue();
        assertThat(AccountHandle.of("idil@example.com").isEmailOf(idil)).isFalse();
    }
}
