package io.friendchat.application;

import io.friendchat.domain.account.Account;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChatSettingsTest {

    @Test
    void the_defaults_are_those_of_the_wire_contract() {
        ChatSettings defaults = ChatSettings.defaults();

        assertThat(defaults.maxMessageLength()).isEqualTo(2000);
        assertThat(defaults.historyLimit()).isEqualTo(1000);
        assertThat(defaults.defaultPicture()).isEqualTo("http://127.0.0.1:9003/register/media/avatars/unknown.jpg");
    }

    @Test
    void the_history_limit_is_from_1_to_10000() {
        assertThat(new ChatSettings(2000, 1, "p").historyLimit()).isEqualTo(1);
        assertThat(new ChatSettings(2000, 10_000, "p").historyLimit()).isEqualTo(10_000);
        assertThatThrownBy(() -> new ChatSettings(2000, 0, "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChatSettings(2000, 10_001, "p")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_message_may_be_at_least_one_code_point_long() {
        assertThatThrownBy(() -> new ChatSettings(0, 1000, "p")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_profile_shows_the_default_picture_for_an_account_without_one() {
        Account plain = anAccount(1, "ayrei").withFullName("amu ferwe").build();

        assertThat(Profile.of(plain, new ChatSettings(2000, 1000, "http://d/unknown.jpg")))
                .isEqualTo(new Profile("ayrei", "amu ferwe", "http://d/unknown.jpg"));
    }

    @Test
    void a_profile_shows_the_accounts_own_picture() {
        Account pictured = anAccount(1, "ayrei").withPicture("http://p/a.jpg").build();

        assertThat(Profile.of(pictured, ChatSettings.defaults()).picture()).isEqualTo("http://p/a.jpg");
    }
}
