package io.friendchat.bench.client;

import io.friendchat.adapter.persistence.DatabaseSettings;
import io.friendchat.bench.Flags;
import io.friendchat.bootstrap.BenchServers;
import io.friendchat.bootstrap.ChatServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The chat server a scenario measures: by default the real standalone server
 * started in this JVM on a fresh H2 file (rate limit off), or the one at
 * {@code --target} (with {@code --admin-token} and {@code --jwt-secret}).
 */
public final class ServerUnderTest implements AutoCloseable {

    private final URI base;
    private final String adminToken;
    private final String jwtSecret;
    private final ChatServer inProcess;
    private final DatabaseSettings database;
    private final Path dataDir;

    private ServerUnderTest(URI base, String adminToken, String jwtSecret, ChatServer inProcess,
                            DatabaseSettings database, Path dataDir) {
        this.base = base;
        this.adminToken = adminToken;
        this.jwtSecret = jwtSecret;
        this.inProcess = inProcess;
        this.database = database;
        this.dataDir = dataDir;
    }

    public static ServerUnderTest start(Flags flags) {
        return start(flags, "");
    }

    /** As {@link #start(Flags)}, with settings appended to the default H2 URL (a comparison run's). */
    public static ServerUnderTest start(Flags flags, String h2UrlSettings) {
        if (flags.has("target")) {
            String target = flags.text("target", "");
            return new ServerUnderTest(URI.create(target.endsWith("/") ? target : target + "/"),
                    flags.text("admin-token").orElseThrow(() -> new IllegalArgumentException(
                            "--target needs --admin-token (the server's CHAT_ADMIN_TOKEN)")),
                    flags.text("jwt-secret").orElseThrow(() -> new IllegalArgumentException(
                            "--target needs --jwt-secret (the server's CHAT_JWT_SECRET)")),
                    null, null, null);
        }
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("friendchat-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> environment = harnessSettings(flags, randomHex(32), randomHex(16));
        environment.put("CHAT_DB_URL", flags.text("db-url", "jdbc:h2:file:" + dataDir.resolve("chat") + h2UrlSettings));
        flags.text("db-user").ifPresent(user -> environment.put("CHAT_DB_USER", user));
        flags.text("db-password").ifPresent(password -> environment.put("CHAT_DB_PASSWORD", password));
        return inProcess(environment, dataDir);
    }

    /**
     * One node of several in this JVM: the harness's settings (127.0.0.1, a free port, rate limit off) with
     * {@code settings} on top (the shared database and Redis), and secrets every node of the run shares.
     */
    public static ServerUnderTest startNode(Flags flags, Map<String, String> settings, String jwtSecret,
                                            String adminToken) {
        Map<String, String> environment = harnessSettings(flags, jwtSecret, adminToken);
        environment.putAll(settings);
        return inProcess(environment, null);
    }

    /** A secret for {@link #startNode}: {@code bytes} random bytes in hex. */
    public static String newSecret(int bytes) {
        return randomHex(bytes);
    }

    private static Map<String, String> harnessSettings(Flags flags, String jwtSecret, String adminToken) {
        Map<String, String> environment = new HashMap<>();
        environment.put("CHAT_HOST", "127.0.0.1");
        environment.put("CHAT_PORT", "0");
        environment.put("CHAT_JWT_SECRET", jwtSecret);
        environment.put("CHAT_ADMIN_TOKEN", adminToken);
        environment.put("CHAT_RATE_LIMIT", flags.text("rate-limit", "0"));
        return environment;
    }

    private static ServerUnderTest inProcess(Map<String, String> environment, Path dataDir) {
        ChatServer server = BenchServers.startStandalone(environment, System.out);
        return new ServerUnderTest(server.baseUri(), environment.get("CHAT_ADMIN_TOKEN"),
                environment.get("CHAT_JWT_SECRET"), server, BenchServers.database(environment), dataDir);
    }

    public URI base() {
        return base;
    }

    public String adminToken() {
        return adminToken;
    }

    public String jwtSecret() {
        return jwtSecret;
    }

    /** The server when it runs in this JVM (use cases, live sessions, heap). */
    public Optional<ChatServer> inProcess() {
        return Optional.ofNullable(inProcess);
    }

    public Optional<DatabaseSettings> database() {
        return Optional.ofNullable(database);
    }

    /** Rows in {@code messages}, read over a connection of its own (-1 when the server is elsewhere). */
    public long storedMessages() {
        if (database == null) {
            return -1;
        }
        try (Connection connection = DriverManager.getConnection(database.effectiveUrl(), database.user(),
                database.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from messages")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count stored messages: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (inProcess != null) {
            inProcess.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + dataDir + ": " + e.getMessage());
            }
        }
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
