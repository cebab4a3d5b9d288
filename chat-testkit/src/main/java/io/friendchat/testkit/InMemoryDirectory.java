package io.friendchat.testkit;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountHandle;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.account.Username;
import io.friendchat.domain.directory.AccountChanges;
import io.friendchat.domain.directory.AccountDraft;
import io.friendchat.domain.directory.Directory;
import io.friendchat.domain.directory.DirectoryConflict;
import io.friendchat.domain.friendship.Friendship;
import io.friendchat.domain.friendship.Friendships;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Accounts and friendships in memory: the built-in directory's behaviour without a database. */
public final class InMemoryDirectory implements Accounts, Friendships, Directory {

    private final Map<AccountId, Account> accounts = new LinkedHashMap<>();
    private final Set<Friendship> friendships = new HashSet<>();

    @Override
    public synchronized Optional<Account> byId(AccountId id) {
        return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public synchronized Map<AccountId, Account> byIds(Collection<AccountId> ids) {
        Map<AccountId, Account> found = new HashMap<>();
        for (AccountId id : ids) {
            Account account = accounts.get(id);
            if (account != null) {
                found.put(id, account);
            }
        }
        return found;
    }

    @Override
    public synchronized Optional<Account> resolve(AccountHandle handle) {
        return accounts.values().stream().filter(handle::isUsernameOf).findFirst()
                .or(() -> accounts.values().stream().filter(handle::isEmailOf).findFirst());
    }

    @Override
    public synchronized boolean areFriends(AccountId a, AccountId b) {
        return !a.equals(b) && friendships.contains(Friendship.of(a, b));
    }

    @Override
    public synchronized Set<AccountId> friendsOf(AccountId account) {
        Set<AccountId> friends = new HashSet<>();
        for (Friendship friendship : friendships) {
            if (friendship.low().equals(account)) {
                friends.add(friendship.high());
            } else if (friendship.high().equals(account)) {
                friends.add(friendship.low());
            }
        }
        return friends;
    }

    @Override
    public synchronized Set<AccountId> friendsAmong(AccountId account, Collection<AccountId> candidates) {
        Set<AccountId> friends = new HashSet<>();
        for (AccountId candidate : candidates) {
            if (areFriends(account, candidate)) {
                friends.add(candidate);
            }
        }
        return friends;
    }

    @Override
    public synchronized Account create(AccountDraft draft) {
        AccountId id = draft.id() != null
                ? AccountId.of(draft.id())
                : AccountId.of(accounts.keySet().stream().mapToLong(AccountId::value).max().orElse(0) + 1);
        if (accounts.containsKey(id)) {
            throw new DirectoryConflict("An account with id " + id + " already exists.");
        }
        requireFree(draft.username(), draft.email(), null);
        Account account = new Account(id, Username.of(draft.username()), draft.email(), draft.fullName(),
                draft.picture(), draft.twoFactor());
        accounts.put(id, account);
        return account;
    }

    @Override
    public synchronized Optional<Account> byUsername(Username username) {
        return accounts.values().stream().filter(a -> a.username().equals(username)).findFirst();
    }

    @Override
    public synchronized Optional<Account> update(Username username, AccountChanges changes) {
        return byUsername(username).map(old -> {
            if (changes.email() != null) {
                requireFree(null, changes.email(), old.id());
            }
            Account updated = new Account(old.id(), old.username(),
                    changes.email() != null ? changes.email() : old.email(),
                    changes.fullName() != null ? changes.fullName() : old.fullName(),
                    changes.picture() != null ? changes.picture() : old.picture(),
                    changes.twoFactor() != null ? changes.twoFactor() : old.twoFactor());
            accounts.put(old.id(), updated);
            return updated;
        });
    }

    @Override
    public synchronized void befriend(AccountId a, AccountId b) {
        friendships.add(Friendship.of(a, b));
    }

    @Override
    public synchronized void unfriend(AccountId a, AccountId b) {
        friendships.remove(Friendship.of(a, b));
    }

    /** Adds an account directly, as a host's own directory would hold it. */
    public synchronized Account add(Account account) {
        accounts.put(account.id(), account);
        return account;
    }

    private void requireFree(String username, String email, AccountId except) {
        for (Account other : accounts.values()) {
            if (other.id().equals(except)) {
                continue;
            }
            if (username != null && other.username().value().equals(username)) {
                throw new DirectoryConflict("The username '" + username + "' is taken.");
            }
            if (email != null && Account.emailKey(other.email()).equals(Account.emailKey(email))) {
                throw new DirectoryConflict("The email is already used by another account.");
            }
        }
    }
}
