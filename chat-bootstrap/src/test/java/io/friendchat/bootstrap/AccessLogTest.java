package io.friendchat.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The access log's switch and the path as it is written: one line whatever the request held. */
class AccessLogTest {

    private static final Map<String, String> SECRET = Map.of("CHAT_JWT_SECRET", "a-secret-for-the-config-test");

    @Test
    void isOnUnlessCHAT_ACCESS_LOGSaysFalse() {
        assertThat(ServerConfig.load(SECRET, List.of(), false).accessLog()).isTrue();
        assertThat(ServerConfig.load(Map.of("CHAT_JWT_SECRET", "s", "CHAT_ACCESS_LOG", "false"), List.of(), false)
                .accessLog()).isFalse();
        assertThat(ServerConfig.load(SECRET, List.of("--access-log", "off"), false).accessLog()).isFalse();
        assertThatThrownBy(() -> ServerConfig.load(Map.of("CHAT_JWT_SECRET", "s", "CHAT_ACCESS_LOG", "maybe"),
                List.of(), false)).isInstanceOf(ConfigProblem.class)
                .hasMessage("CHAT_ACCESS_LOG must be true or false, got 'maybe'.");
    }

    @Test
    void writesEachPartOfTheRequestLineAsOneField() {
        assertThat(AccessLog.printable("/chat/conversation/", 256)).isEqualTo("/chat/conversation/");
        assertThat(AccessLog.printable("/a\nb\r\u0000c\u007f d\u2028e\u0085", 256)).isEqualTo("/a?b??c??d?e?");
        assertThat(AccessLog.printable("\r\nGET", 16)).isEqualTo("??GET");
        assertThat(AccessLog.printable("", 256)).isEqualTo("-");
        assertThat(AccessLog.printable(null, 16)).isEqualTo("-");
        assertThat(AccessLog.printable("/" + "x".repeat(400), 256)).hasSize(256 + 3).endsWith("x...");
    }
}
