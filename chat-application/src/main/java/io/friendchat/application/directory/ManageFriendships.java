package io.friendchat.application.directory;

import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountNotFound;
import io.friendchat.domain.account.Username;
import io.friendchat.domain.directory.Directory;

import java.util.Objects;

/** Makes and ends friendships in the built-in friend graph (the admin API), by username. */
public final class ManageFriendships {

    private final Directory directory;

    public ManageFriendships(Directory directory) {
        this.directory = Objects.requireNonNull(directory);
    }

    public void befriend(String a, String b) {
        Pair pair = pair(a, b);
        directory.befriend(pair.a().id(), pair.b().id());
    }

    public void unfriend(String a, String b) {
        Pair pair = pair(a, b);
        directory.unfriend(pair.a().id(), pair.b().id());
    }

    private record Pair(Account a, Account b) {
    }

    private Pair pair(String a, String b) {
        if (a == null || a.isEmpty() || b == null || b.isEmpty()) {
            throw new InvalidInput("'a' and 'b' must both name an account by username.");
        }
        if (a.equals(b)) {
            throw new InvalidInput("'a' and 'b' must be two different accounts.");
        }
        return new Pair(account(a), account(b));
    }

    private Account account(String username) {
        return directory.byUsername(Username.of(username)).orElseThrow(() -> new AccountNotFound(username));
    }
}
