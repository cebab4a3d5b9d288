package io.friendchat.bootstrap;

import io.friendchat.adapter.persistence.DatabaseSettings;
import io.friendchat.adapter.rest.grizzly.RequestDeadlines;
import io.friendchat.application.ChatSettings;
import io.friendchat.application.access.AllowedOrigins;
import io.friendchat.domain.conversation.PageRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Everything the standalone server is configured with, read from {@code CHAT_*}
 * environment variables and matching command-line flags, and checked before
 * anything starts: each problem is one {@link ConfigProblem} line.
 *
 * @param jwtSecret null only in demo mode, which then makes one
 * @param adminToken null when the admin API is off
 * @param requestDeadlines how long an HTTP request's head and body may take to arrive, and an idle connection stay
 * @param redisUrl null on a single node
 * @param accessLog whether each HTTP answer is logged (method, path, status, time)
 */
public record ServerConfig(String host, int port, String jwtSecret, String adminToken, DatabaseSettings database,
                           ChatSettings chat, ZoneId timeZone, String twoFactorUrl, Duration pingInterval,
                           RequestDeadlines requestDeadlines, int rateLimit, AllowedOrigins allowedOrigins,
                           String redisUrl, boolean metrics, boolean accessLog, boolean demo) {

    public static final int DEFAULT_PORT = 9003;

    /** Reads the configuration; {@code demo} allows a missing secret. */
    public static ServerConfig load(Map<String, String> environment, List<String> flags, boolean demo) {
        Settings settings = Settings.of(environment, flags);
        String host = settings.text("CHAT_HOST", "127.0.0.1");
        requireResolvable(host);
        int port = settings.integer("CHAT_PORT", DEFAULT_PORT, 0, 65_535);
        String secret = settings.textOrNull("CHAT_JWT_SECRET");
        if (secret == null && !demo) {
            throw new ConfigProblem("CHAT_JWT_SECRET is not set: give the HS256 secret shared with your login "
                    + "service (or run with --demo to try friendchat with a generated one).");
        }
        DatabaseSettings defaults = DatabaseSettings.h2Default();
        DatabaseSettings database = new DatabaseSettings(
                settings.text("CHAT_DB_URL", defaults.url()),
                settings.text("CHAT_DB_USER", defaults.user()),
                settings.text("CHAT_DB_PASSWORD", defaults.password()),
                settings.integer("CHAT_DB_POOL_SIZE", defaults.maxPoolSize(), 1, 1000));
        if (!database.url().startsWith("jdbc:h2:") && !database.url().startsWith("jdbc:postgresql:")) {
            throw new ConfigProblem("CHAT_DB_URL must be a jdbc:h2: or jdbc:postgresql: URL.");
        }
        ChatSettings chat = new ChatSettings(
                settings.integer("CHAT_MAX_MESSAGE_LENGTH", 2000, 1, 1_000_000),
                settings.integer("CHAT_HISTORY_LIMIT", 1000, 1, PageRequest.MAX_LIMIT),
                settings.text("CHAT_DEFAULT_PICTURE", ChatSettings.DEFAULT_PICTURE));
        return new ServerConfig(host, port, secret, adminToken(settings.textOrNull("CHAT_ADMIN_TOKEN")), database, chat,
                zone(settings.text("CHAT_TIME_ZONE", "UTC")),
                settings.text("CHAT_TWO_FACTOR_URL", "/2fa/"),
                Duration.ofSeconds(settings.integer("CHAT_WS_PING_SECONDS", 30, 1, 86_400)),
                requestDeadlines(settings),
                settings.integer("CHAT_RATE_LIMIT", 20, 0, 1_000_000),
                AllowedOrigins.parse(settings.textOrNull("CHAT_ALLOWED_ORIGINS")),
                redisUrl(settings.textOrNull("CHAT_REDIS_URL")),
                settings.bool("CHAT_METRICS", true),
                settings.bool("CHAT_ACCESS_LOG", true),
                demo);
    }

    /** The same configuration with another secret (demo mode makes one). */
    public ServerConfig withJwtSecret(String secret) {
        return new ServerConfig(host, port, secret, adminToken, database, chat, timeZone, twoFactorUrl, pingInterval,
                requestDeadlines, rateLimit, allowedOrigins, redisUrl, metrics, accessLog, demo);
    }

    private static RequestDeadlines requestDeadlines(Settings settings) {
        RequestDeadlines defaults = RequestDeadlines.DEFAULTS;
        return new RequestDeadlines(
                seconds(settings, "CHAT_HTTP_HEAD_SECONDS", defaults.head()),
                seconds(settings, "CHAT_HTTP_BODY_SECONDS", defaults.body()),
                seconds(settings, "CHAT_HTTP_IDLE_SECONDS", defaults.idle()));
    }

    private static Duration seconds(Settings settings, String name, Duration fallback) {
        return Duration.ofSeconds(settings.integer(name, (int) fallback.toSeconds(), 1, 86_400));
    }

    /**
     * The token trimmed, as the server trims the Authorization header it is compared with (a secret
     * read from a file often ends with a newline); null when blank. Past the ends, a blank or a control
     * character is refused: the header splits on blanks and refuses control characters, so no call
     * could ever bear such a token, and the admin API would be on with no way in.
     */
    private static String adminToken(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        String trimmed = token.strip();
        if (trimmed.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c))) {
            throw new ConfigProblem("CHAT_ADMIN_TOKEN holds a blank or a control character inside: no Authorization "
                    + "header could carry it. Give a token without one.");
        }
        return trimmed;
    }

    private static String redisUrl(String url) {
        if (url != null && !url.startsWith("redis://")) {
            throw new ConfigProblem("CHAT_REDIS_URL must look like redis://host:port, got '" + url + "'.");
        }
        return url;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new ConfigProblem("CHAT_TIME_ZONE '" + id + "' is not a time zone (try UTC or Europe/Paris).");
        }
    }

    private static void requireResolvable(String host) {
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigProblem("CHAT_HOST '" + host + "' is not an address of this machine.");
        }
    }
}
