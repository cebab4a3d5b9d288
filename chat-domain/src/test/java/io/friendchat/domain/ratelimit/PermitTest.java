package io.friendchat.domain.ratelimit;

import io.friendchat.domain.account.AccountId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PermitTest {

    @Test
    void a_granted_permit_has_no_wait() {
        assertThat(Permit.GRANTED.granted()).isTrue();
        assertThat(Permit.GRANTED.retryAfter()).isZero();
    }

    @Test
    void a_refused_permit_says_how_long_to_wait() {
        Permit permit = Permit.refused(Duration.ofMillis(50));

        assertThat(permit.granted()).isFalse();
        assertThat(permit.retryAfter()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void a_refusal_with_no_wait_is_still_a_refusal() {
        assertThat(Permit.refused(Duration.ZERO).granted()).isFalse();
    }

    @Test
    void the_unlimited_limiter_always_grants() {
        RateLimiter unlimited = RateLimiter.unlimited();

        for (int i = 0; i < 1000; i++) {
            assertThat(unlimited.acquire(AccountId.of(1)).granted()).isTrue();
        }
    }
}
