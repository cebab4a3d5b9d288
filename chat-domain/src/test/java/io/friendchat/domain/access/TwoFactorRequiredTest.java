package io.friendchat.domain.access;

import io.friendchat.domain.account.AccountId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TwoFactorRequiredTest {

    @Test
    void the_two_factor_refusal_carries_the_fixed_text_of_the_wire_contract() {
        assertThat(new TwoFactorRequired()).hasMessage("Two-factor authentication required.");
    }

    @Test
    void a_verified_token_names_its_account_and_its_second_factor() {
        VerifiedToken token = new VerifiedToken(AccountId.of(4), true);

        assertThat(token.accountId()).isEqualTo(AccountId.of(4));
        assertThat(token.twoFactorVerified()).isTrue();
    }
}
