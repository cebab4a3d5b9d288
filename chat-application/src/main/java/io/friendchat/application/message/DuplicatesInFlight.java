package io.friendchat.application.message;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.message.ClientId;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Lets only one send per sender and client id run at a time on this node; a
 * duplicate that arrives meanwhile waits for it and gets its message. Without this,
 * duplicates racing past the store's replay check each take a rate-limit token, and
 * under a tight limit one of them would be refused while API.md promises each the
 * first send's 200.
 */
final class DuplicatesInFlight {

    private record Key(AccountId sender, ClientId clientId) {
    }

    private final ConcurrentMap<Key, CompletableFuture<SendMessage.Sent>> running = new ConcurrentHashMap<>();

    /**
     * Runs the send, or, while the same one runs, waits for it and answers with its
     * message as a replay. When the running one fails, the waiting one runs on its own:
     * a refusal is its own to get (and a store failure may have stored nothing).
     */
    SendMessage.Sent once(AccountId sender, ClientId clientId, Supplier<SendMessage.Sent> send) {
        Key key = new Key(sender, clientId);
        while (true) {
            CompletableFuture<SendMessage.Sent> mine = new CompletableFuture<>();
            CompletableFuture<SendMessage.Sent> other = running.putIfAbsent(key, mine);
            if (other == null) {
                return runAs(key, mine, send);
            }
            SendMessage.Sent first = awaitQuietly(other);
            if (first != null) {
                return new SendMessage.Sent(first.message(), true);
            }
        }
    }

    private SendMessage.Sent runAs(Key key, CompletableFuture<SendMessage.Sent> mine,
                                   Supplier<SendMessage.Sent> send) {
        try {
            SendMessage.Sent sent = send.get();
            mine.complete(sent);
            return sent;
        } catch (RuntimeException | Error e) {
            mine.complete(null);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    /** The first send's result, or null when it failed. */
    private static SendMessage.Sent awaitQuietly(CompletableFuture<SendMessage.Sent> other) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return other.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    return null;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
