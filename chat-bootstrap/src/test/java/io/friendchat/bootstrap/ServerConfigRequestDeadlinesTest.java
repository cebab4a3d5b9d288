package io.friendchat.bootstrap;

import io.friendchat.adapter.rest.grizzly.RequestDeadlines;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CHAT_HTTP_HEAD_SECONDS, CHAT_HTTP_BODY_SECONDS and CHAT_HTTP_IDLE_SECONDS: whole seconds, at least one. */
class ServerConfigRequestDeadlinesTest {

    private static final Map<String, String> SECRET = Map.of("CHAT_JWT_SECRET", "a-secret-for-the-config-test");

    @Test
    void areTenTenAndThirtySecondsByDefault() {
        assertThat(load(SECRET, List.of()))
                .isEqualTo(new RequestDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }

    @Test
    void comeFromTheEnvironment() {
        Map<String, String> environment = Map.of("CHAT_JWT_SECRET", "s", "CHAT_HTTP_HEAD_SECONDS", "2",
                "CHAT_HTTP_BODY_SECONDS", "3", "CHAT_HTTP_IDLE_SECONDS", "4");
        assertThat(load(environment, List.of()))
                .isEqualTo(new RequestDeadlines(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4)));
    }

    @Test
    void comeFromFlagsEachAlone() {
        assertThat(load(SECRET, List.of("--http-head-seconds", "5")))
                .isEqualTo(new RequestDeadlines(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)));
        assertThat(load(SECRET, List.of("--http-body-seconds=6")))
                .isEqualTo(new RequestDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(6), Duration.ofSeconds(30)));
        assertThat(load(SECRET, List.of("--http-idle-seconds", "86400")))
                .isEqualTo(new RequestDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(86_400)));
    }

    @Test
    void refuseZeroNegativeTooLongAndNonNumbersInOneLine() {
        assertRefused("CHAT_HTTP_HEAD_SECONDS", "0");
        assertRefused("CHAT_HTTP_BODY_SECONDS", "-1");
        assertRefused("CHAT_HTTP_IDLE_SECONDS", "86401");
        assertRefused("CHAT_HTTP_HEAD_SECONDS", "1.5");
        assertRefused("CHAT_HTTP_BODY_SECONDS", "10s");
    }

    private static void assertRefused(String name, String value) {
        assertThatThrownBy(() -> load(Map.of("CHAT_JWT_SECRET", "s", name, value), List.of()))
                .isInstanceOf(ConfigProblem.class)
                .hasMessage(name + " must be an integer from 1 to 86400, got '" + value + "'.");
    }

    private static RequestDeadlines load(Map<String, String> environment, List<String> flags) {
        return ServerConfig.load(environment, flags, false).requestDeadlines();
    }
}
