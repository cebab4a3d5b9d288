package io.friendchat.adapter.rest;

import io.friendchat.adapter.rest.grizzly.GrizzlyRest;
import io.friendchat.adapter.rest.grizzly.RequestDeadlines;

import io.friendchat.adapter.token.AccessTokenIssuer;
import io.friendchat.adapter.token.JwtTokenVerifier;
import io.friendchat.application.ChatPorts;
import io.friendchat.application.ChatSettings;
import io.friendchat.application.ChatUseCases;
import io.friendchat.application.access.AllowedOrigins;
import io.friendchat.application.local.LocalPresence;
import io.friendchat.application.local.LocalTypingThrottle;
import io.friendchat.application.local.TokenBucketRateLimiter;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.friendchat.testkit.AccountFixtures;
import io.friendchat.testkit.InMemoryDirectory;
import io.friendchat.testkit.InMemoryMessageStore;
import io.friendchat.testkit.MutableClock;
import io.friendchat.testkit.RecordingNotifier;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The REST adapter on a real Grizzly server on a free port, over the in-memory kit,
 * with real JWTs; configured as the standalone server is.
 */
final class ChatServer implements AutoCloseable {

    static final String SECRET = "test-secret-shared-with-the-login-service";
    static final String DEFAULT_PICTURE = "http://127.0.0.1:9003/register/media/avatars/unknown.jpg";

    final InMemoryDirectory directory = new InMemoryDirectory();
    final InMemoryMessageStore messages = new InMemoryMessageStore();
    /** Set to make every call to the message store throw it. */
    final java.util.concurrent.atomic.AtomicReference<RuntimeException> storeFailure =
            new java.util.concurrent.atomic.AtomicReference<>();
    final RecordingNotifier notifier = new RecordingNotifier();
    final MutableClock clock = MutableClock.at("2024-09-28T14:41:27Z");
    final LocalPresence presence = new LocalPresence();
    final AccessTokenIssuer issuer = new AccessTokenIssuer(SECRET, clock);
    /** Health of each component as the probe reports it; tests flip them. */
    final Map<String, Boolean> health = new ConcurrentHashMap<>(Map.of("database", true));
    /** The rate limiter's clock, in nanoseconds; it only moves when a test moves it. */
    final AtomicLong limiterNanos = new AtomicLong();

    private final HttpServer server;
    final URI base;

    private ChatServer(Options options) {
        RateLimiter limiter = options.rateLimit == 0 ? RateLimiter.unlimited()
                : new TokenBucketRateLimiter(options.rateLimit, 2.0 * options.rateLimit, limiterNanos::get);
        ChatPorts ports = new ChatPorts(directory, directory, new FailingStore(messages, storeFailure), notifier,
                presence, limiter, new LocalTypingThrottle(), new JwtTokenVerifier(SECRET, clock), clock, directory);
        ChatUseCases useCases = ChatUseCases.over(ports, new ChatSettings(options.maxMessageLength,
                options.historyLimit, DEFAULT_PICTURE));
        RestSettings settings = new RestSettings(options.zone, "/2fa/", options.origins, options.adminToken,
                () -> new LinkedHashMap<>(health));
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                ChatRestApplication.create(useCases, settings), false);
        GrizzlyRest.protect(server, 3, options.deadlines);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        base = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort());
    }

    static ChatServer start() {
        return new Options().start();
    }

    static Options with() {
        return new Options();
    }

    int port() {
        return base.getPort();
    }

    Account add(AccountFixtures.Builder account) {
        return directory.add(account.build());
    }

    void befriend(Account a, Account b) {
        directory.befriend(a.id(), b.id());
    }

    void unfriend(Account a, Account b) {
        directory.unfriend(a.id(), b.id());
    }

    String tokenFor(Account account) {
        return issuer.issue(account.id().value(), Duration.ofMinutes(5), false);
    }

    String twoFactorTokenFor(Account account) {
        return issuer.issue(account.id().value(), Duration.ofMinutes(5), true);
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    /** How a test wants its server. */
    static final class Options {
        private AllowedOrigins origins = AllowedOrigins.any();
        private String adminToken;
        private int rateLimit;
        private int maxMessageLength = 2000;
        private int historyLimit = 1000;
        private ZoneId zone = ZoneOffset.UTC;
        private RequestDeadlines deadlines = RequestDeadlines.DEFAULTS;

        Options origins(String commaSeparated) {
            origins = AllowedOrigins.parse(commaSeparated);
            return this;
        }

        Options adminToken(String token) {
            adminToken = token;
            return this;
        }

        Options rateLimit(int perSecond) {
            rateLimit = perSecond;
            return this;
        }

        Options historyLimit(int limit) {
            historyLimit = limit;
            return this;
        }

        Options zone(String zoneId) {
            zone = ZoneId.of(zoneId);
            return this;
        }

        Options deadlines(RequestDeadlines requestDeadlines) {
            deadlines = requestDeadlines;
            return this;
        }

        ChatServer start() {
            return new ChatServer(this);
        }
    }
}
