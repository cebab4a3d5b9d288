package io.friendchat.domain.directory;

import io.friendchat.domain.InvalidInput;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccountDraftTest {

    private static AccountDraft draft(String username) {
        return new AccountDraft(null, username, "x@example.com", null, null, false);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"ayrei", "a.b+c-d_e@f", "\u00E9lo\u00EFse", "\u674E\u96F7", "x1"})
    void a_username_of_letters_digits_and_at_dot_plus_minus_underscore_is_accepted(String username) {
        assertThat(draft(username).username()).isEqualTo(username);
    }

    /** Django's \\w is Python's str.isalnum() or '_': every number, not only decimal digits (Nd, Nl and No). */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"x\u00B2", "\u00BD", "\u216B", "a\u00B2\u00BD\u216B"}) // ², ½, Ⅻ
    void a_username_may_hold_any_numeric_character_as_django_allows(String username) {
        assertThat(draft(username).username()).isEqualTo(username);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"a b", "a/b", "a!", "tab\t", "a\u00A0b"})
    void any_other_username_is_invalid(String username) {
        assertThatThrownBy(() -> draft(username))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'username' must be 1 to 150 letters, numbers and @/./+/-/_ only.");
    }

    @Test
    void a_username_has_at_most_150_code_points() {
        assertThat(draft("a".repeat(150)).username()).hasSize(150);
        assertThatThrownBy(() -> draft("a".repeat(151))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_username_of_150_letters_outside_the_bmp_is_accepted() {
        String gothicA = "\uD800\uDF30"; // U+10330, a letter

        assertThat(draft(gothicA.repeat(150)).username()).hasSize(300);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void an_email_is_required(String email) {
        assertThatThrownBy(() -> new AccountDraft(null, "ayrei", email, null, null, false))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'email' is required (at most 254 characters).");
    }

    @Test
    void an_email_over_254_characters_is_invalid() {
        assertThatThrownBy(() -> new AccountDraft(null, "ayrei", "a".repeat(243) + "@example.com", null, null, false))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_chosen_id_must_be_positive() {
        assertThatThrownBy(() -> new AccountDraft(0L, "ayrei", "a@example.com", null, null, false))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'id' must be a positive integer.");
        assertThat(new AccountDraft(7L, "ayrei", "a@example.com", null, null, false).id()).isEqualTo(7L);
    }

    @Test
    void a_missing_full_name_is_empty() {
        assertThat(draft("ayrei").fullName()).isEmpty();
    }

    @Test
    void a_change_of_email_must_not_be_blank() {
        assertThatThrownBy(() -> new AccountChanges(" ", null, null, null))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'email' must not be blank (at most 254 characters).");
        assertThat(new AccountChanges(null, "New Name", null, true).email()).isNull();
    }

    /** PostgreSQL's text cannot hold U+0000: refused here, so every database answers the same 400. */
    @Test
    void no_field_of_a_new_account_may_hold_u0000() {
        assertThatThrownBy(() -> new AccountDraft(null, "ayrei", "a\u0000@example.com", null, null, false))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'email' contains the character U+0000, which cannot be stored.");
        assertThatThrownBy(() -> new AccountDraft(null, "ayrei", "a@example.com", "amu\u0000", null, false))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'full_name' contains the character U+0000, which cannot be stored.");
        assertThatThrownBy(() -> new AccountDraft(null, "ayrei", "a@example.com", null, "https://x.example/\u0000",
                false))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'picture' contains the character U+0000, which cannot be stored.");
        assertThatThrownBy(() -> draft("ayrei\u0000"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'username' must be 1 to 150 letters, numbers and @/./+/-/_ only.");
    }

    @Test
    void no_change_may_hold_u0000() {
        assertThatThrownBy(() -> new AccountChanges("a\u0000@example.com", null, null, null))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'email' contains the character U+0000, which cannot be stored.");
        assertThatThrownBy(() -> new AccountChanges(null, "\u0000", null, null))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'full_name' contains the character U+0000, which cannot be stored.");
        assertThatThrownBy(() -> new AccountChanges(null, null, "https://x.example/\u0000", null))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("'picture' contains the character U+0000, which cannot be stored.");
    }
}
