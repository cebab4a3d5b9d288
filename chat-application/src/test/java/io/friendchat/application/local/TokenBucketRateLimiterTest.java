package io.friendchat.application.local;

import io.friendchat.application.fixtures.FakeNanoTime;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.ratelimit.Permit;
import io.friendchat.domain.ratelimit.RateLimited;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TokenBucketRateLimiterTest {

    private static final AccountId ALICE = AccountId.of(1);
    private static final AccountId BOB = AccountId.of(2);

    private final FakeNanoTime nanoTime = new FakeNanoTime();
    private final TokenBucketRateLimiter twentyASecond = new TokenBucketRateLimiter(20, 40, nanoTime);

    private int grantedInARow(TokenBucketRateLimiter limiter, AccountId account) {
        int granted = 0;
        while (limiter.acquire(account).granted()) {
            granted++;
            if (granted > 10_000) {
                throw new AssertionError("the limiter never refused");
            }
        }
        return granted;
    }

    @Test
    void a_fresh_account_may_send_a_burst_of_twice_the_rate() {
        assertThat(grantedInARow(twentyASecond, ALICE)).isEqualTo(40);
    }

    @Test
    void the_factory_sets_the_burst_to_twice_the_rate() {
        TokenBucketRateLimiter limiter = TokenBucketRateLimiter.perSecond(1);

        assertThat(limiter.acquire(ALICE).granted()).isTrue();
        assertThat(limiter.acquire(ALICE).granted()).isTrue();
        assertThat(limiter.acquire(ALICE).granted()).isFalse();
    }

    @Test
    void an_empty_bucket_says_to_wait_for_one_token() {
        grantedInARow(twentyASecond, ALICE);

        Permit refused = twentyASecond.acquire(ALICE);

        assertThat(refused.granted()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void the_wait_shrinks_as_the_bucket_refills() {
        grantedInARow(twentyASecond, ALICE);
        nanoTime.advance(Duration.ofMillis(30));

        assertThat(twentyASecond.acquire(ALICE).retryAfter()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void one_token_comes_back_every_one_over_rate_seconds() {
        grantedInARow(twentyASecond, ALICE);

        nanoTime.advance(Duration.ofMillis(50));

        assertThat(twentyASecond.acquire(ALICE).granted()).isTrue();
        assertThat(twentyASecond.acquire(ALICE).granted()).isFalse();
    }

    @Test
    void a_second_of_rest_gives_back_the_rate() {
        grantedInARow(twentyASecond, ALICE);

        nanoTime.advance(Duration.ofSeconds(1));

        assertThat(grantedInARow(twentyASecond, ALICE)).isEqualTo(20);
    }

    @Test
    void a_long_rest_refills_no_more_than_the_burst() {
        grantedInARow(twentyASecond, ALICE);

        nanoTime.advance(Duration.ofHours(1));

        assertThat(grantedInARow(twentyASecond, ALICE)).isEqualTo(40);
    }

    @Test
    void each_account_has_its_own_bucket() {
        grantedInARow(twentyASecond, ALICE);

        assertThat(grantedInARow(twentyASecond, BOB)).isEqualTo(40);
    }

    @Test
    void the_wait_is_rounded_up_to_whole_seconds_for_retry_after() {
        TokenBucketRateLimiter slow = new TokenBucketRateLimiter(0.4, 1, nanoTime);
        slow.acquire(ALICE);

        Permit refused = slow.acquire(ALICE);

        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(2500));
        assertThat(new RateLimited(refused.retryAfter()).retryAfterSeconds()).isEqualTo(3);
    }

    @Test
    void a_wait_under_a_second_is_retry_after_one_second() {
        grantedInARow(twentyASecond, ALICE);

        assertThat(new RateLimited(twentyASecond.acquire(ALICE).retryAfter()).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void refills_keep_working_when_the_monotonic_clock_wraps_around() {
        FakeNanoTime nearTheEnd = new FakeNanoTime(Long.MAX_VALUE - 10_000_000L);
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(20, 40, nearTheEnd);
        grantedInARow(limiter, ALICE);

        nearTheEnd.advance(Duration.ofSeconds(1));

        assertThat(nearTheEnd.getAsLong()).isNegative();
        assertThat(grantedInARow(limiter, ALICE)).isEqualTo(20);
    }

    @Test
    void buckets_that_are_full_again_are_forgotten() {
        twentyASecond.acquire(ALICE);
        grantedInARow(twentyASecond, BOB);
        nanoTime.advance(Duration.ofMillis(50));

        twentyASecond.forgetIdle();

        assertThat(twentyASecond.trackedAccounts()).isEqualTo(1);
        assertThat(grantedInARow(twentyASecond, ALICE)).isEqualTo(40);
        assertThat(grantedInARow(twentyASecond, BOB)).isEqualTo(1);
    }

    @Test
    void many_idle_accounts_are_swept_out_by_later_sends_without_a_call_from_outside() {
        for (long id = 1; id <= TokenBucketRateLimiter.SWEEP_ABOVE + 1; id++) {
            twentyASecond.acquire(AccountId.of(id));
        }
        nanoTime.advance(Duration.ofSeconds(2));

        twentyASecond.acquire(ALICE);

        assertThat(twentyASecond.trackedAccounts()).isEqualTo(1);
    }

    @Test
    void a_rate_of_zero_or_a_burst_under_one_is_refused() {
        assertThatThrownBy(() -> new TokenBucketRateLimiter(0, 1, nanoTime))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucketRateLimiter(1, 0.5, nanoTime))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
