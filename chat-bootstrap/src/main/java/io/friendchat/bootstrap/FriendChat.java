package io.friendchat.bootstrap;

import io.friendchat.adapter.persistence.ChatDatabase;
import io.friendchat.adapter.persistence.DatabaseSettings;
import io.friendchat.adapter.rest.ChatRestFeature;
import io.friendchat.adapter.rest.HealthProbe;
import io.friendchat.adapter.rest.RestSettings;
import io.friendchat.adapter.token.JwtTokenVerifier;
import io.friendchat.adapter.websocket.ChatSocket;
import io.friendchat.adapter.websocket.LiveSessions;
import io.friendchat.adapter.websocket.WebSocketSettings;
import io.friendchat.application.ChatPorts;
import io.friendchat.application.ChatSettings;
import io.friendchat.application.ChatUseCases;
import io.friendchat.application.access.AllowedOrigins;
import io.friendchat.application.live.CatchUp;
import io.friendchat.application.local.TokenBucketRateLimiter;
import io.friendchat.bootstrap.metrics.ChatMetrics;
import io.friendchat.domain.access.TokenVerifier;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.directory.Directory;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.friendchat.domain.store.StoreHealth;
import jakarta.websocket.server.ServerEndpointConfig;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The embedding entry point: a host application hands in its accounts, friend
 * graph and database (or lets friendchat keep its own), and gets the use cases,
 * the Jersey feature and the WebSocket endpoints to mount in its own server.
 *
 * <pre>{@code
 * FriendChat chat = FriendChat.builder()
 *         .accounts(myAccounts).friendships(myFriends)   // the host's users and friend graph
 *         .dataSource(myDataSource)                      // messages go in the host's database
 *         .jwtSecret(System.getenv("CHAT_JWT_SECRET"))
 *         .build();
 * resourceConfig.register(chat.restFeature());
 * chat.webSocketEndpoints().forEach(config -> {
 *     try {
 *         serverContainer.addEndpoint(config);
 *     } catch (DeploymentException e) {
 *         throw new IllegalStateException(e);
 *     }
 * });
 * }</pre>
 */
public final class FriendChat implements AutoCloseable {

    private final ChatUseCases useCases;
    private final LiveSessions liveSessions;
    private final RestSettings restSettings;
    private final WebSocketSettings webSocketSettings;
    private final ChatDatabase database;
    private final ChatMetrics metrics;
    private final LiveState live;

    private FriendChat(ChatUseCases useCases, LiveSessions liveSessions, RestSettings restSettings,
                       WebSocketSettings webSocketSettings, ChatDatabase database, ChatMetrics metrics,
                       LiveState live) {
        this.useCases = useCases;
        this.liveSessions = liveSessions;
        this.restSettings = restSettings;
        this.webSocketSettings = webSocketSettings;
        this.database = database;
        this.metrics = metrics;
        this.live = live;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The use cases, for a host that drives them itself. */
    public ChatUseCases useCases() {
        return useCases;
    }

    /** The REST API as a Jersey feature: {@code resourceConfig.register(chat.restFeature())}. */
    public ChatRestFeature restFeature() {
        return new ChatRestFeature(useCases, restSettings);
    }

    /** The socket endpoints ({@code /ws/connection/}), for any Jakarta WebSocket container. */
    public List<ServerEndpointConfig> webSocketEndpoints() {
        return ChatSocket.endpointConfigs(useCases, liveSessions, webSocketSettings);
    }

    /** The live sockets of this node: the notifier behind every pushed event. */
    public LiveSessions liveSessions() {
        return liveSessions;
    }

    /** The metrics this friendchat counts into ({@link ChatMetrics#off()} when none were given). */
    public ChatMetrics metrics() {
        return metrics;
    }

    /**
     * Waits for what {@link Builder#buildStarting()} left going on: Hibernate's bootstrap. On
     * failure the caller closes this friendchat.
     */
    void awaitReady() {
        if (database != null) {
            database.awaitReady();
        }
    }

    /** Closes live sockets with 1001 and, when friendchat opened it, the database pool; then the metrics. */
    @Override
    public void close() {
        liveSessions.closeAll(1001, "The server is shutting down.");
        liveSessions.close();
        // Leaving the cluster announces this node's accounts offline, which reads friendships: before the database.
        live.close();
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            metrics.close();
        }
    }

    /** Collects the host's choices; everything left out gets the standalone server's default. */
    public static final class Builder {
        private Accounts accounts;
        private Friendships friendships;
        private MessageStore messages;
        private DataSource dataSource;
        private DatabaseSettings databaseSettings;
        private TokenVerifier tokenVerifier;
        private String jwtSecret;
        private RateLimiter rateLimiter;
        private int rateLimitPerSecond = 20;
        private ChatSettings chatSettings = ChatSettings.defaults();
        private ZoneId timeZone = ZoneId.of("UTC");
        private String twoFactorUrl = "/2fa/";
        private AllowedOrigins allowedOrigins = AllowedOrigins.any();
        private Duration pingInterval = Duration.ofSeconds(30);
        private int maxBacklog = 1024;
        private String adminToken;
        private Clock clock = Clock.systemUTC();
        private ChatMetrics metrics = ChatMetrics.off();
        private String redisUrl;
        private String nodeName = "node";

        private Builder() {
        }

        /** The host's account directory (default: friendchat's built-in accounts table). */
        public Builder accounts(Accounts accounts) {
            this.accounts = accounts;
            return this;
        }

        /** The host's friend graph (default: friendchat's built-in friendships table). */
        public Builder friendships(Friendships friendships) {
            this.friendships = friendships;
            return this;
        }

        /** Keep messages in the host's database (migrated on build). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** Keep messages in a database friendchat opens and pools itself. */
        public Builder database(DatabaseSettings settings) {
            this.databaseSettings = settings;
            return this;
        }

        /**
         * Keep messages in a store of the host's own (an in-memory one in tests). Its
         * {@code append} must be atomic and durable on return: no unit of work is opened around it.
         */
        public Builder messages(MessageStore messages) {
            this.messages = messages;
            return this;
        }

        public Builder jwtSecret(String secret) {
            this.jwtSecret = secret;
            return this;
        }

        public Builder tokenVerifier(TokenVerifier verifier) {
            this.tokenVerifier = verifier;
            return this;
        }

        /** Messages per second per account, bursts of twice that; 0 turns the limit off. */
        public Builder rateLimit(int perSecond) {
            this.rateLimitPerSecond = perSecond;
            return this;
        }

        public Builder rateLimiter(RateLimiter limiter) {
            this.rateLimiter = limiter;
            return this;
        }

        public Builder chatSettings(ChatSettings settings) {
            this.chatSettings = Objects.requireNonNull(settings);
            return this;
        }

        public Builder timeZone(ZoneId zone) {
            this.timeZone = Objects.requireNonNull(zone);
            return this;
        }

        public Builder twoFactorUrl(String url) {
            this.twoFactorUrl = Objects.requireNonNull(url);
            return this;
        }

        public Builder allowedOrigins(AllowedOrigins origins) {
            this.allowedOrigins = Objects.requireNonNull(origins);
            return this;
        }

        public Builder pingInterval(Duration interval) {
            this.pingInterval = Objects.requireNonNull(interval);
            return this;
        }

        /** Turns the admin API on (built-in directory only). */
        public Builder adminToken(String token) {
            this.adminToken = token;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Counts into these metrics (null: none); the FriendChat closes them with itself, or when build fails. */
        public Builder metrics(ChatMetrics metrics) {
            this.metrics = metrics != null ? metrics : ChatMetrics.off();
            return this;
        }

        /**
         * Runs as one node of several on one database: events, presence, the rate limit
         * and the typing throttle are shared through the Redis at {@code redis://host:port}.
         */
        public Builder redis(String url, String nodeName) {
            this.redisUrl = url;
            this.nodeName = Objects.requireNonNull(nodeName);
            return this;
        }

        public FriendChat build() {
            FriendChat chat = buildStarting();
            try {
                chat.awaitReady();
            } catch (RuntimeException | Error e) {
                chat.close();
                throw e;
            }
            return chat;
        }

        /**
         * As {@link #build()}, but a database friendchat opens itself may still be starting
         * Hibernate: the standalone server builds its HTTP stack meanwhile and calls
         * {@link FriendChat#awaitReady()} before it listens.
         */
        FriendChat buildStarting() {
            ChatDatabase database = null;
            try {
                database = needsDatabase() ? openDatabase() : null;
                return assemble(database);
            } catch (RuntimeException e) {
                if (database != null) {
                    database.close();
                }
                metrics.close();
                throw e;
            }
        }

        private boolean needsDatabase() {
            return messages == null || accounts == null || friendships == null;
        }

        private ChatDatabase openDatabase() {
            if (dataSource != null) {
                return ChatDatabase.over(dataSource);
            }
            return ChatDatabase.openMigrated(
                    databaseSettings != null ? databaseSettings : DatabaseSettings.h2Default(), metrics.databasePool());
        }

        private FriendChat assemble(ChatDatabase database) {
            TokenVerifier tokens = tokenVerifier != null ? tokenVerifier : jwtVerifier();
            Accounts accountSource = accounts != null ? accounts : database.accounts();
            Friendships friendSource = friendships != null ? friendships : database.friendships();
            // The admin API provisions the built-in directory only; a host keeps its own.
            Directory directory = accounts == null && friendships == null && database != null
                    ? database.directory() : null;
            MessageStore messageStore = messages != null ? messages : database.messages();
            StoreHealth health = database != null ? database.health() : () -> true;

            WebSocketSettings socketSettings = new WebSocketSettings(timeZone, pingInterval, allowedOrigins,
                    maxBacklog);
            LiveSessions sessions = new LiveSessions(socketSettings, metrics.deliveries());
            metrics.watch(sessions);
            LiveState live = redisUrl == null
                    ? LiveState.singleNode(sessions, limiter())
                    : LiveState.cluster(redisUrl, nodeName, pingInterval, rateLimitPerSecond, sessions, limiter(),
                            new CatchUp(accountSource, friendSource, messageStore, chatSettings));
            ChatPorts ports = new ChatPorts(accountSource, friendSource, messageStore,
                    metrics.countStored(live.notifier), live.presence, metrics.countRefusals(live.rateLimiter),
                    live.typingThrottle, tokens, clock, directory);
            live.announceChanges(accountSource, friendSource);
            ChatUseCases useCases = ChatUseCases.over(ports, chatSettings);
            RestSettings restSettings = new RestSettings(timeZone, twoFactorUrl, allowedOrigins,
                    directory != null ? adminToken : null, healthProbe(health, live));
            return new FriendChat(useCases, sessions, restSettings, socketSettings, database, metrics, live);
        }

        private TokenVerifier jwtVerifier() {
            if (jwtSecret == null || jwtSecret.isEmpty()) {
                throw new IllegalStateException("friendchat needs a jwtSecret or a tokenVerifier");
            }
            return new JwtTokenVerifier(jwtSecret, clock);
        }

        private RateLimiter limiter() {
            if (rateLimiter != null) {
                return rateLimiter;
            }
            return rateLimitPerSecond == 0 ? RateLimiter.unlimited()
                    : TokenBucketRateLimiter.perSecond(rateLimitPerSecond);
        }

        private static HealthProbe healthProbe(StoreHealth database, LiveState live) {
            return () -> {
                Map<String, Boolean> components = new LinkedHashMap<>();
                components.put("database", database.isUp());
                live.reportHealth(components);
                return components;
            };
        }
    }
}
