package io.friendchat.domain.account;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccountTest {

    @Test
    void an_account_without_a_full_name_shows_an_empty_one() {
        Account account = new Account(AccountId.of(1), Username.of("ayrei"), "a@example.com", null, null, false);

        assertThat(account.fullName()).isEmpty();
    }

    @Test
    void an_account_without_a_picture_has_no_picture_url() {
        Account account = new Account(AccountId.of(1), Username.of("ayrei"), "a@example.com", "", null, false);

        assertThat(account.pictureUrl()).isEmpty();
    }

    @Test
    void an_account_with_a_picture_has_its_url() {
        Account account = new Account(AccountId.of(1), Username.of("ayrei"), "a@example.com", "", "http://p/a.jpg",
                true);

        assertThat(account.pictureUrl()).contains("http://p/a.jpg");
    }

    @Test
    void an_account_id_is_a_positive_integer() {
        assertThat(AccountId.of(Long.MAX_VALUE).value()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> AccountId.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountId.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_username_is_never_empty() {
        assertThatThrownBy(() -> Username.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Username.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void the_email_key_is_the_root_locale_lower_case() {
        assertThat(Account.emailKey("Ann.LEE@Example.COM")).isEqualTo("ann.lee@example.com");
    }
}
