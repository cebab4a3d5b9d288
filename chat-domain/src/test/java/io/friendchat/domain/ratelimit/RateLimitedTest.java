package io.friendchat.domain.ratelimit;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RateLimitedTest {

    @ParameterizedTest(name = "{0} ns -> Retry-After {1}")
    @CsvSource({
            "1, 1",
            "50000000, 1",
            "999999999, 1",
            "1000000000, 1",
            "1000000001, 2",
            "2500000000, 3",
            "3000000000, 3",
    })
    void the_wait_is_given_in_whole_seconds_rounded_up(long nanos, long seconds) {
        assertThat(new RateLimited(Duration.ofNanos(nanos)).retryAfterSeconds()).isEqualTo(seconds);
    }

    @ParameterizedTest(name = "{0} ns -> Retry-After 1")
    @CsvSource({"0", "-5"})
    void the_wait_is_at_least_one_second(long nanos) {
        assertThat(new RateLimited(Duration.ofNanos(nanos)).retryAfterSeconds()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} ms")
    @CsvSource({"50", "1500"})
    void the_exact_wait_is_kept(long millis) {
        RateLimited limited = new RateLimited(Duration.ofMillis(millis));

        assertThat(limited.retryAfter()).isEqualTo(Duration.ofMillis(millis));
        assertThat(limited).hasMessage("Too many messages: slow down and try again in a moment.");
    }
}
