package io.friendchat.bench.jmh;

import io.friendchat.application.ChatPorts;
import io.friendchat.application.ChatSettings;
import io.friendchat.application.ChatUseCases;
import io.friendchat.application.local.LocalPresence;
import io.friendchat.application.local.LocalTypingThrottle;
import io.friendchat.application.message.SendMessage;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.friendchat.testkit.InMemoryDirectory;
import io.friendchat.testkit.InMemoryMessageStore;
import io.friendchat.testkit.StaticTokens;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;

import static io.friendchat.testkit.AccountFixtures.anAccount;

/**
 * The send use case with in-memory ports (directory, store, no-op notifier, no
 * rate limit): the core's own cost of a send, without HTTP or a database.
 */
@State(Scope.Benchmark)
public class SendMessageBench {

    private SendMessage sendMessage;
    private SendMessage.Command command;

    // A fresh store per iteration, so that the stored messages do not pile up across the run.
    @Setup(Level.Iteration)
    public void setUp() {
        InMemoryDirectory directory = new InMemoryDirectory();
        Account alice = directory.add(anAccount(1, "alice").withFullName("Alice A").build());
        Account bob = directory.add(anAccount(2, "bob").withFullName("Bob B").build());
        directory.befriend(alice.id(), bob.id());
        ChatPorts ports = new ChatPorts(directory, directory, new InMemoryMessageStore(), (recipient, event) -> { },
                new LocalPresence(), RateLimiter.unlimited(), new LocalTypingThrottle(), new StaticTokens(),
                Clock.systemUTC(), directory);
        sendMessage = ChatUseCases.over(ports, ChatSettings.defaults()).sendMessage();
        command = new SendMessage.Command(alice, "bob", "hello bob, a message of ordinary length", null);
    }

    @Benchmark
    public SendMessage.Sent send() {
        return sendMessage.send(command);
    }
}
