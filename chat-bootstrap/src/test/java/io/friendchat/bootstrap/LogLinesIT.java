package io.friendchat.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the real jar writes while it serves an end-to-end run: every line in SLF4J's
 * one format (java.util.logging, which Grizzly and Hibernate use, bridged into it), a
 * line to start and to stop, one access line per HTTP answer with no query string,
 * and never a token, a message text or a password. CHAT_ACCESS_LOG=false silences
 * the access lines alone.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LogLinesIT {

    private static final Pattern LOG_LINE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR) \\S+ - .*");
    private static final Pattern ACCESS_LINE = Pattern.compile(
            ".* INFO access - (GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD) (/\\S*) (\\d{3}) (\\d+) ms");
    /** Raises two java.util.logging sources to INFO, to see their lines come out in SLF4J's format. */
    private static final String JUL_SOURCES_AT_INFO = "-Dorg.slf4j.simpleLogger.log.org.glassfish.grizzly=info "
            + "-Dorg.slf4j.simpleLogger.log.org.hibernate.orm.core=info";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anEndToEndRunLogsItsEventsAndNoSecret(@TempDir Path dir) throws Exception {
        String databasePassword = "db-password-" + UUID.randomUUID();
        Map<String, String> settings = new HashMap<>(Map.of(
                "CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"),
                "CHAT_DB_PASSWORD", databasePassword,
                "JAVA_TOOL_OPTIONS", JUL_SOURCES_AT_INFO));
        List<String> secrets = new ArrayList<>(List.of(RunningServer.SECRET, RunningServer.ADMIN, databasePassword));
        String output;
        try (ServerProcess process = ServerProcess.start(settings)) {
            RunningServer client = RunningServer.remote(process.baseUri());
            long ayrei = client.createAccount("ayrei", "amu ferwe");
            long ayrei1 = client.createAccount("ayrei1", "Ayman Reifoun");
            long stranger = client.createAccount("stranger", "Sam Stranger");
            client.befriend("ayrei", "ayrei1");
            String sender = client.token(ayrei);
            String receiver = client.token(ayrei1);
            String outsider = client.token(stranger);
            secrets.addAll(List.of(sender, receiver, outsider));

            String jsonText = "json text " + UUID.randomUUID();
            String formText = "form text " + UUID.randomUUID();
            String refusedText = "refused text " + UUID.randomUUID();
            secrets.addAll(List.of(jsonText, formText, refusedText));
            try (SocketClient socket = SocketClient.connect(client.socketUri(receiver, "&events=PRESENCE"))) {
                assertThat(client.sendMessage(sender, "ayrei1", jsonText, "retry-1").status()).isEqualTo(200);
                assertThat(socket.next()).contains(jsonText);
            }
            assertThat(post(process.baseUri(), sender, "account=ayrei1&message=" + formText.replace(' ', '+')))
                    .isEqualTo(200);
            assertThat(client.sendMessage(outsider, "ayrei", refusedText, null).status()).isEqualTo(403);
            long latest = client.get("/chat/conversation/?account=ayrei", receiver).body().get("data").get(1)
                    .get("id").asLong();
            assertThat(client.send("POST", "/chat/read/", receiver,
                    "{\"account\": \"ayrei\", \"up_to\": " + latest + "}").status()).isEqualTo(200);
            String forged = sender.substring(0, sender.length() - 4) + "AAAA";
            secrets.add(forged);
            assertThat(client.get("/chat/list-conversation/", forged).status()).isEqualTo(401);
            assertThat(client.get("/ws/connection/?token=" + receiver, null).status()).isEqualTo(400);
            // Answered by the guard in front of Jersey (a path that cannot be parsed): logged all the same.
            assertThat(rawGet(process.baseUri(), "/chat/conversation/%zz/")).startsWith("HTTP/1.1 400");
            assertThat(client.get("/health", null).status()).isEqualTo(200);
            output = stop(process);
        }

        List<String> lines = output.lines().filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS")).toList();
        assertThat(lines).as(output).allSatisfy(line -> assertThat(line).matches(LOG_LINE));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches(
                ".* INFO StandaloneServer - friendchat listening on http://127\\.0\\.0\\.1:\\d+/ "
                        + "\\(database: H2 file .*\\) - started in \\d+ ms"));
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith(" INFO StandaloneServer - friendchat stopped"));
        // Grizzly and Hibernate log through java.util.logging: bridged, their lines have SLF4J's format.
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(" INFO NetworkListener - Started listener"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(" INFO core - HHH000001: Hibernate ORM"));
        // Jersey is built while Hibernate starts, but the port opens only once the database is ready.
        assertThat(indexOf(lines, " INFO ChatDatabase - Chat database ready: H2 file "))
                .isNotNegative().isLessThan(indexOf(lines, " INFO NetworkListener - Started listener"));

        List<String> access = accessLines(lines);
        assertThat(access).contains("POST /admin/accounts/ 201", "PUT /admin/friendships/ 200",
                "POST /chat/message/ 200", "POST /chat/message/ 403", "GET /chat/conversation/ 200",
                "POST /chat/read/ 200", "GET /chat/list-conversation/ 401", "GET /ws/connection/ 400",
                "GET /chat/conversation/%zz/ 400", "GET /health 200");
        assertThat(access).filteredOn(line -> line.equals("POST /chat/message/ 200")).hasSize(2);
        assertThat(access).noneSatisfy(line -> assertThat(line).contains("?"));
        for (String secret : secrets) {
            assertThat(output).as("the output holds a secret or a message text").doesNotContain(secret);
        }
    }

    @Test
    void theAccessLogCanBeTurnedOff(@TempDir Path dir) throws Exception {
        String output;
        long launched = System.nanoTime();
        try (ServerProcess process = ServerProcess.start(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"),
                "CHAT_ACCESS_LOG", "false"))) {
            long listeningSeen = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
            // The start the server reports happened within the time this test saw it take (it once counted from
            // the boot time's whole second, and reported a second more).
            var started = Pattern.compile("started in (\\d+) ms").matcher(process.output());
            assertThat(started.find()).as(process.output()).isTrue();
            assertThat(Long.parseLong(started.group(1))).isPositive().isLessThanOrEqualTo(listeningSeen);
            RunningServer client = RunningServer.remote(process.baseUri());
            assertThat(client.get("/health", null).status()).isEqualTo(200);
            assertThat(client.get("/chat/list-conversation/", null).status()).isEqualTo(401);
            output = stop(process);
        }
        assertThat(output).contains("friendchat listening on", "friendchat stopped");
        assertThat(accessLines(output.lines().toList())).isEmpty();
    }

    /** "METHOD /path STATUS" of each access line. */
    private static List<String> accessLines(List<String> lines) {
        List<String> access = new ArrayList<>();
        for (String line : lines) {
            var matcher = ACCESS_LINE.matcher(line);
            if (matcher.matches()) {
                access.add(matcher.group(1) + " " + matcher.group(2) + " " + matcher.group(3));
            } else {
                assertThat(line).doesNotContain(" access - ");
            }
        }
        return access;
    }

    /**
     * SIGTERM through the process handle (Process.destroy() would also close our end of its
     * output and lose the last lines), then the whole output once the stop line is read.
     */
    private static String stop(ServerProcess process) throws Exception {
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
        handle.destroy();
        handle.onExit().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!process.output().contains("friendchat stopped") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return process.output();
    }

    /** A request the JDK's client refuses to send (a bad % escape); answers its status line. */
    private static String rawGet(URI base, String target) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answer.lines().findFirst().orElse("");
        }
    }

    private int post(URI base, String token, String form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/chat/message/"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
