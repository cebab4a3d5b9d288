package io.friendchat.bootstrap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static io.friendchat.bootstrap.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * GET /metrics on the real standalone server: Prometheus text whose counters move by
 * exactly what the test did, and a 404 like any unknown path when CHAT_METRICS=false.
 */
@Timeout(90)
class MetricsTest {

    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private static final int SENDS = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void counts_exactly_the_messages_stored_and_delivered_and_the_answers_by_status(@TempDir Path dir)
            throws Exception {
        try (RunningServer server = RunningServer.start(database(dir, "CHAT_RATE_LIMIT", "0"))) {
            long alice = server.createAccount("alice", "Alice Liddell");
            long bob = server.createAccount("bob", "Bob Builder");
            server.createAccount("carol", "Carol Stranger");
            server.befriend("alice", "bob");
            MeterRegistry registry = server.server.chat().metrics().registry().orElseThrow();

            try (SocketClient bobs = SocketClient.connect(socket(server, server.token(bob)))) {
                awaitUntil(() -> server.server.chat().liveSessions().openSockets() == 1);
                PrometheusText before = scrape(server, "/metrics");

                for (int i = 0; i < SENDS; i++) {
                    RunningServer.Answer sent = send(server, alice, "bob", "message " + i);
                    assertThat(sent.status()).isEqualTo(200);
                    assertThat(json(bobs.next()).get("message").asText()).isEqualTo("message " + i);
                }
                RunningServer.Answer refused = send(server, alice, "carol", "not a friend");
                assertThat(refused.status()).isEqualTo(403);
                assertThat(refused.body().get("code").asText()).isEqualTo("not_friends");

                // A socket's send and a request's completion are counted just after the client hears them.
                awaitUntil(() -> count(registry, "chat.events.delivered", "case", "NEW_MESSAGE")
                        == before.value("chat_events_delivered_total{case=\"NEW_MESSAGE\"}") + SENDS
                        && count(registry, "chat.http.requests", "status", "403")
                        == before.valueOrZero("chat_http_requests_total{status=\"403\"}") + 1
                        && count(registry, "chat.http.requests", "status", "200")
                        == before.value("chat_http_requests_total{status=\"200\"}") + SENDS + 1);
                PrometheusText after = scrape(server, "/metrics");

                assertThat(delta(after, before, "chat_messages_stored_total")).isEqualTo(SENDS);
                assertThat(delta(after, before, "chat_events_delivered_total{case=\"NEW_MESSAGE\"}")).isEqualTo(SENDS);
                assertThat(delta(after, before, "chat_events_delivered_total{case=\"PRESENCE\"}")).isZero();
                assertThat(delta(after, before, "chat_delivery_latency_seconds_count")).isEqualTo(SENDS);
                assertThat(delta(after, before, "chat_delivery_latency_seconds_bucket{le=\"+Inf\"}")).isEqualTo(SENDS);
                assertThat(after.value("chat_delivery_latency_seconds_sum"))
                        .isGreaterThan(before.value("chat_delivery_latency_seconds_sum"));
                // The sends, and the first scrape: a request is counted once it is answered.
                assertThat(delta(after, before, "chat_http_requests_total{status=\"200\"}")).isEqualTo(SENDS + 1);
                assertThat(after.value("chat_http_requests_total{status=\"403\"}")
                        - before.valueOrZero("chat_http_requests_total{status=\"403\"}")).isEqualTo(1);
                assertThat(delta(after, before, "chat_messages_rate_limited_total")).isZero();
                assertThat(after.value("chat_sockets_open")).isEqualTo(1);
                assertThat(after.value("chat_accounts_online")).isEqualTo(1);
                assertThat(after.value("chat_slow_consumers_closed_total")).isZero();
                assertThat(after.value("hikaricp_connections_max{pool=\"friendchat\"}")).isEqualTo(16);
                assertThat(after.hasSeriesStartingWith("hikaricp_connections_acquire_seconds_count")).isTrue();
                assertThat(after.hasSeriesStartingWith("jvm_memory_used_bytes{")).isTrue();
                assertThat(after.hasSeriesStartingWith("jvm_threads_live_threads")).isTrue();
                assertThat(after.hasSeriesStartingWith("jvm_gc_")).isTrue();
            }
            awaitUntil(() -> server.server.chat().liveSessions().openSockets() == 0);
            assertThat(scrape(server, "/metrics/").value("chat_accounts_online")).isZero();
        }
    }

    @Test
    void counts_each_send_the_rate_limit_refuses(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(database(dir, "CHAT_RATE_LIMIT", "1"))) {
            long alice = server.createAccount("alice", "Alice Liddell");
            server.createAccount("bob", "Bob Builder");
            server.befriend("alice", "bob");
            PrometheusText before = scrape(server, "/metrics");

            // One per second, bursts of two: ten sends in a row meet the limit.
            int stored = 0;
            int refused = 0;
            for (int i = 0; i < 10; i++) {
                int status = send(server, alice, "bob", "burst " + i).status();
                assertThat(status).isIn(200, 429);
                if (status == 200) {
                    stored++;
                } else {
                    refused++;
                }
            }
            assertThat(refused).isPositive();
            int refusedSends = refused;
            MeterRegistry registry = server.server.chat().metrics().registry().orElseThrow();
            awaitUntil(() -> count(registry, "chat.http.requests", "status", "429") == refusedSends);
            PrometheusText after = scrape(server, "/metrics");

            assertThat(delta(after, before, "chat_messages_rate_limited_total")).isEqualTo(refused);
            assertThat(delta(after, before, "chat_messages_stored_total")).isEqualTo(stored);
            assertThat(after.value("chat_http_requests_total{status=\"429\"}")).isEqualTo(refused);
        }
    }

    @Test
    void chat_metrics_false_turns_the_endpoint_into_an_unknown_path(@TempDir Path dir) throws Exception {
        try (RunningServer server = RunningServer.start(database(dir, "CHAT_METRICS", "false"))) {
            for (String path : new String[] {"/metrics", "/metrics/"}) {
                HttpResponse<String> answer = get(server, path, "text/plain");

                assertThat(answer.statusCode()).as(path).isEqualTo(404);
                assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                assertThat(json(answer.body()).get("code").asText()).isEqualTo("not_found");
                assertThat(json(answer.body()).get("error").asText()).isNotBlank();
            }
            assertThat(server.server.chat().metrics().enabled()).isFalse();
        }
    }

    @Test
    void the_parser_refuses_what_is_not_prometheus_text() {
        assertThat(PrometheusText.parse("# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"1\"} 2.0\n").value(
                "a_total{x=\"1\"}")).isEqualTo(2.0);
        assertThatThrownBy(() -> PrometheusText.parse("a_total 2.0 extra\n")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> PrometheusText.parse("a_total{x=1} 2.0\n")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> PrometheusText.parse("{\"status\": \"UP\"}\n")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> PrometheusText.parse("a_total 2.0")).isInstanceOf(AssertionError.class);
    }

    private static Map<String, String> database(Path dir, String key, String value) {
        Map<String, String> settings = new HashMap<>();
        settings.put("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"));
        settings.put(key, value);
        return settings;
    }

    private static RunningServer.Answer send(RunningServer server, long from, String to, String text) {
        return server.send("POST", "/chat/message/", server.token(from),
                "{\"account\": \"" + to + "\", \"message\": \"" + text + "\"}");
    }

    private PrometheusText scrape(RunningServer server, String path) throws Exception {
        // Prometheus itself asks for OpenMetrics first; a client that wants JSON gets the text all the same.
        HttpResponse<String> answer = get(server, path, "application/json");
        assertThat(answer.statusCode()).isEqualTo(200);
        // Jersey writes the parameters in its own order: compare them as a set.
        assertThat(mediaTypeParts(answer.headers().firstValue("Content-Type").orElse("")))
                .isEqualTo(mediaTypeParts(TEXT_FORMAT));
        PrometheusText text = PrometheusText.parse(answer.body());
        assertThat(text.size()).isGreaterThan(20);
        return text;
    }

    private static Set<String> mediaTypeParts(String contentType) {
        return Arrays.stream(contentType.split(";")).map(part -> part.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    private HttpResponse<String> get(RunningServer server, String path, String accept)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.uri(path)).header("Accept", accept)
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static URI socket(RunningServer server, String token) {
        return URI.create("ws://127.0.0.1:" + server.server.port() + "/ws/connection/?token=" + token);
    }

    private static double delta(PrometheusText after, PrometheusText before, String series) {
        return after.value(series) - before.value(series);
    }

    private static double count(MeterRegistry registry, String name, String tag, String value) {
        Counter counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not reached within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
