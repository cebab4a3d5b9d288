package io.friendchat.application.local;

import io.friendchat.application.fixtures.FakeNanoTime;
import io.friendchat.domain.account.AccountId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LocalTypingThrottleTest {

    private static final AccountId ALICE = AccountId.of(1);
    private static final AccountId BOB = AccountId.of(2);

    private final FakeNanoTime nanoTime = new FakeNanoTime();
    private final LocalTypingThrottle throttle = new LocalTypingThrottle(Duration.ofSeconds(2), nanoTime);

    @Test
    void the_first_signal_of_a_pair_passes() {
        assertThat(throttle.admit(ALICE, BOB)).isTrue();
    }

    @Test
    void a_signal_within_the_window_is_held_back() {
        throttle.admit(ALICE, BOB);
        nanoTime.advance(Duration.ofMillis(1999));

        assertThat(throttle.admit(ALICE, BOB)).isFalse();
    }

    @Test
    void a_held_back_signal_does_not_extend_the_window() {
        throttle.admit(ALICE, BOB);
        nanoTime.advance(Duration.ofMillis(1500));
        throttle.admit(ALICE, BOB);
        nanoTime.advance(Duration.ofMillis(500));

        assertThat(throttle.admit(ALICE, BOB)).isTrue();
    }

    @Test
    void a_signal_a_full_window_later_passes() {
        throttle.admit(ALICE, BOB);
        nanoTime.advance(Duration.ofSeconds(2));

        assertThat(throttle.admit(ALICE, BOB)).isTrue();
    }

    @Test
    void each_direction_of_a_pair_has_its_own_window() {
        throttle.admit(ALICE, BOB);

        assertThat(throttle.admit(BOB, ALICE)).isTrue();
    }

    @Test
    void the_window_works_across_a_wrap_of_the_monotonic_clock() {
        FakeNanoTime nearTheEnd = new FakeNanoTime(Long.MAX_VALUE - 1_000_000_000L);
        LocalTypingThrottle wrapping = new LocalTypingThrottle(Duration.ofSeconds(2), nearTheEnd);
        wrapping.admit(ALICE, BOB);

        nearTheEnd.advance(Duration.ofMillis(1500));
        assertThat(wrapping.admit(ALICE, BOB)).isFalse();
        nearTheEnd.advance(Duration.ofMillis(500));
        assertThat(wrapping.admit(ALICE, BOB)).isTrue();
    }
}
