package io.friendchat.domain.account;

import io.friendchat.domain.InvalidInput;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsernameTest {

    @Test
    void a_username_is_kept_exactly() {
        assertThat(Username.of(" Bob ").value()).isEqualTo(" Bob ");
    }

    /** No account has one, and PostgreSQL refuses a query that carries it: a name with U+0000 is bad input. */
    @Test
    void a_username_with_u0000_is_invalid_input() {
        for (String name : new String[] {"\u0000", "bob\u0000", "\u0000bob"}) {
            assertThatThrownBy(() -> Username.of(name))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessage("A username cannot contain the character U+0000.");
        }
    }
}
