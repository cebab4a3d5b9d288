package io.friendchat.application.access;

import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.access.InvalidToken;
import io.friendchat.domain.access.TwoFactorRequired;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuthenticateCallerTest {

    private final TestChat chat = TestChat.aChat();
    private final Account alice = chat.add(anAccount(1, "alice"));
    private final Account guarded = chat.add(anAccount(2, "guarded").withTwoFactor());
    private final AuthenticateCaller authenticate = chat.useCases.authenticateCaller();

    @Test
    void a_valid_token_names_its_account() {
        assertThat(authenticate.authenticate(chat.tokens.issue(alice.id()))).isEqualTo(alice);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    void no_token_is_refused(String token) {
        assertThatThrownBy(() -> authenticate.authenticate(token))
                .isInstanceOf(InvalidToken.class)
                .hasMessage("Authentication credentials were not provided.");
    }

    @Test
    void a_token_the_verifier_refuses_is_refused() {
        assertThatThrownBy(() -> authenticate.authenticate("forged")).isInstanceOf(InvalidToken.class);
    }

    @Test
    void a_valid_token_of_an_unknown_user_is_refused() {
        String token = chat.tokens.issue(AccountId.of(99));

        assertThatThrownBy(() -> authenticate.authenticate(token))
                .isInstanceOf(InvalidToken.class)
                .hasMessage("The token's user does not exist.");
    }

    @Test
    void an_account_with_two_factor_and_a_token_that_has_not_passed_it_is_held_at_the_gate() {
        String token = chat.tokens.issue(guarded.id(), false);

        assertThatThrownBy(() -> authenticate.authenticate(token))
                .isInstanceOf(TwoFactorRequired.class)
                .hasMessage("Two-factor authentication required.");
    }

    @Test
    void an_account_with_two_factor_and_a_verified_token_passes() {
        assertThat(authenticate.authenticate(chat.tokens.issue(guarded.id(), true))).isEqualTo(guarded);
    }

    @Test
    void an_account_without_two_factor_needs_no_verified_token() {
        assertThat(authenticate.authenticate(chat.tokens.issue(alice.id(), false))).isEqualTo(alice);
    }
}
