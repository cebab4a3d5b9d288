package io.friendchat.adapter.websocket;

import io.friendchat.adapter.websocket.grizzly.SharedPortWebSockets;
import io.friendchat.application.ChatPorts;
import io.friendchat.application.ChatSettings;
import io.friendchat.application.ChatUseCases;
import io.friendchat.application.access.AllowedOrigins;
import io.friendchat.application.local.LocalPresence;
import io.friendchat.application.local.LocalTypingThrottle;
import io.friendchat.application.local.TokenBucketRateLimiter;
import io.friendchat.application.message.SendMessage;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountHandle;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.store.StoreUnavailable;
import io.friendchat.testkit.AccountFixtures;
import io.friendchat.testkit.InMemoryDirectory;
import io.friendchat.testkit.InMemoryMessageStore;
import io.friendchat.testkit.MutableClock;
import io.friendchat.testkit.StaticTokens;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real Grizzly server on a free port serving the chat socket through
 * SharedPortWebSockets, over in-memory ports and the real use cases.
 */
final class LiveWorld implements AutoCloseable {

    final InMemoryDirectory directory = new InMemoryDirectory();
    final InMemoryMessageStore messages = new InMemoryMessageStore();
    final StaticTokens tokens = new StaticTokens();
    final MutableClock clock = MutableClock.at("2024-09-28T16:00:23Z");
    final LocalPresence presence = new LocalPresence();
    /** Names of the threads the account store was read on (authentication hits it). */
    final Set<String> accountStoreThreads = ConcurrentHashMap.newKeySet();
    final WebSocketSettings settings;
    final LiveSessions sessions;
    final ChatUseCases useCases;
    private final HttpServer server;
    private final int port;
    private volatile boolean storeDown;

    private LiveWorld(WebSocketSettings settings, ChatSettings chatSettings, DeliveryListener deliveries) {
        this.settings = settings;
        this.sessions = new LiveSessions(settings, deliveries);
        ChatPorts ports = new ChatPorts(new RecordingAccounts(), directory, messages, sessions,
                presence, TokenBucketRateLimiter.perSecond(1_000_000), new LocalTypingThrottle(), tokens, clock,
                directory);
        this.useCases = ChatUseCases.over(ports, chatSettings);
        this.server = new HttpServer();
        server.addListener(new NetworkListener(SharedPortWebSockets.LISTENER, "127.0.0.1", 0));
        SharedPortWebSockets.attach(server, ChatSocket.endpointConfigs(useCases, sessions, settings));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = server.getListener(SharedPortWebSockets.LISTENER).getPort();
    }

    static LiveWorld start() {
        return start(pingEvery(Duration.ofSeconds(30)));
    }

    static LiveWorld start(WebSocketSettings settings) {
        return new LiveWorld(settings, ChatSettings.defaults(), DeliveryListener.NONE);
    }

    static LiveWorld start(WebSocketSettings settings, ChatSettings chatSettings) {
        return new LiveWorld(settings, chatSettings, DeliveryListener.NONE);
    }

    static LiveWorld start(DeliveryListener deliveries) {
        return new LiveWorld(pingEvery(Duration.ofSeconds(30)), ChatSettings.defaults(), deliveries);
    }

    static WebSocketSettings pingEvery(Duration interval) {
        return new WebSocketSettings(ZoneOffset.UTC, interval, AllowedOrigins.any(),
                WebSocketSettings.DEFAULT_MAX_BACKLOG);
    }

    int port() {
        return port;
    }

    Account account(long id, String username) {
        return directory.add(AccountFixtures.anAccount(id, username).withFullName("Full " + username)
                .withPicture("http://pictures.example/" + username + ".png").build());
    }

    void befriend(Account a, Account b) {
        directory.befriend(a.id(), b.id());
    }

    /** Ayrei (id 1) and Bob (id 2), added as friends: the pair most socket tests talk between. */
    record Friends(Account ayrei, Account bob) {
    }

    Friends ayreiAndBob() {
        Account ayrei = account(1, "ayrei");
        Account bob = account(2, "bob");
        befriend(ayrei, bob);
        return new Friends(ayrei, bob);
    }

    String token(Account account) {
        return tokens.issue(account.id(), account.twoFactor());
    }

    URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + port + pathAndQuery);
    }

    /** The socket of the account, with extra query parameters ("&events=PRESENCE"). */
    URI socketOf(Account account, String extraQuery) {
        return uri("/ws/connection/?token=" + token(account) + extraQuery);
    }

    Message send(Account from, Account to, String text) {
        return useCases.sendMessage().send(new SendMessage.Command(from, to.username().value(), text, null)).message();
    }

    void storeDown(boolean down) {
        storeDown = down;
    }

    @Override
    public void close() {
        sessions.close();
        server.shutdownNow();
    }

    /** The directory's accounts, failing like an unreachable database on demand. */
    private final class RecordingAccounts implements Accounts {

        @Override
        public Optional<Account> byId(AccountId id) {
            accountStoreThreads.add(Thread.currentThread().getName());
            if (storeDown) {
                throw new StoreUnavailable("the database cannot be reached", null);
            }
            return directory.byId(id);
        }

        @Override
        public Map<AccountId, Account> byIds(Collection<AccountId> ids) {
            return directory.byIds(ids);
        }

        @Override
        public Optional<Account> resolve(AccountHandle handle) {
            return directory.resolve(handle);
        }
    }
}
