package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Username;
import io.friendchat.domain.directory.AccountChanges;
import io.friendchat.domain.directory.AccountDraft;
import io.friendchat.domain.directory.Directory;
import io.friendchat.domain.directory.DirectoryConflict;
import io.friendchat.domain.friendship.Friendship;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;

/** The write side of the built-in directory: accounts and friendships, as the admin API changes them. */
final class StoredDirectory implements Directory {

    // Each failed attempt means another create succeeded, so this many racing creates all get through.
    private static final int ATTEMPTS = 10;

    private final SessionScope scope;
    private final SqlDialect dialect;

    StoredDirectory(SessionScope scope, SqlDialect dialect) {
        this.scope = scope;
        this.dialect = dialect;
    }

    @Override
    public Account create(AccountDraft draft) {
        for (int attempt = 1; ; attempt++) {
            try {
                return scope.callAllowingConflicts(session -> insert(session, draft));
            } catch (ConstraintViolationException e) {
                // Another create took the id, username or email between our check and our insert.
                // Checking again says which (or, for a chosen id, finds the next one).
                if (attempt == ATTEMPTS) {
                    throw new DirectoryConflict("The id, username or email was just taken by another account.");
                }
            }
        }
    }

    @Override
    public Optional<Account> byUsername(Username username) {
        return scope.call(session -> findByUsername(session, username.value()).map(AccountEntity::toDomain));
    }

    @Override
    public Optional<Account> update(Username username, AccountChanges changes) {
        try {
            return scope.callAllowingConflicts(session -> findByUsername(session, username.value()).map(entity -> {
                if (changes.email() != null) {
                    requireFreeEmail(session, changes.email(), entity.id);
                }
                entity.apply(changes);
                session.flush();
                return entity.toDomain();
            }));
        } catch (ConstraintViolationException e) {
            throw new DirectoryConflict("The email was just taken by another account.");
        }
    }

    @Override
    public void befriend(AccountId a, AccountId b) {
        Friendship pair = Friendship.of(a, b);
        scope.call(session -> session.createNativeMutationQuery(dialect.createFriendship)
                .setParameter(1, pair.low().value())
                .setParameter(2, pair.high().value())
                .executeUpdate());
    }

    @Override
    public void unfriend(AccountId a, AccountId b) {
        Friendship pair = Friendship.of(a, b);
        scope.call(session -> session.createMutationQuery(
                        "delete from Friendship f where f.lowAccount = :low and f.highAccount = :high")
                .setParameter("low", pair.low().value())
                .setParameter("high", pair.high().value())
                .executeUpdate());
    }

    private Account insert(Session session, AccountDraft draft) {
        if (draft.id() != null && session.find(AccountEntity.class, draft.id()) != null) {
            throw new DirectoryConflict("An account with id " + draft.id() + " already exists.");
        }
        if (findByUsername(session, draft.username()).isPresent()) {
            throw new DirectoryConflict("The username '" + draft.username() + "' is taken.");
        }
        requireFreeEmail(session, draft.email(), null);
        long id;
        if (draft.id() != null) {
            id = draft.id();
            keepGeneratedIdsAbove(session, id);
        } else {
            id = nextId(session);
        }
        AccountEntity entity = AccountEntity.from(id, draft);
        session.persist(entity);
        session.flush();
        return entity.toDomain();
    }

    /**
     * The next id from the sequence. Ids a host chose moved the sequence past them when they were
     * created, so two creations never draw the same id. (It used to compare the drawn id with the
     * highest id in use, which counted ids other creations had just drawn as chosen ones: racing
     * creations then took the same id and retried, each time a constraint violation in the log.)
     * An id in use all the same belongs to rows older than the sequence or written around the
     * directory: the sequence moves past them once.
     */
    private long nextId(Session session) {
        long drawn = draw(session);
        if (session.find(AccountEntity.class, drawn) == null) {
            return drawn;
        }
        long highest = session.createSelectionQuery("select coalesce(max(a.id), 0) from Account a", Long.class)
                .getSingleResult();
        if (highest == Long.MAX_VALUE) {
            throw new DirectoryConflict("No account id is left above the highest one in use; give an id.");
        }
        restartIdsAt(session, highest + 1);
        return draw(session);
    }

    /** After an id a host chose, generated ids go on above it (the one drawn to tell is not used). */
    private void keepGeneratedIdsAbove(Session session, long chosen) {
        if (chosen < Long.MAX_VALUE && draw(session) <= chosen) {
            restartIdsAt(session, chosen + 1);
        }
    }

    private long draw(Session session) {
        return session.doReturningWork(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(dialect.nextAccountId)) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private void restartIdsAt(Session session, long next) {
        session.doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(dialect.accountIdsFrom(next));
            }
        });
    }

    private static void requireFreeEmail(Session session, String email, Long except) {
        boolean taken = session.createSelectionQuery(
                        "select a.id from Account a where a.emailKey = :emailKey", Long.class)
                .setParameter("emailKey", Account.emailKey(email))
                .getResultList().stream().anyMatch(id -> !id.equals(except));
        if (taken) {
            throw new DirectoryConflict("The email is already used by another account.");
        }
    }

    private static Optional<AccountEntity> findByUsername(Session session, String username) {
        return session.createSelectionQuery("from Account a where a.username = :username", AccountEntity.class)
                .setParameter("username", username)
                .uniqueResultOptional();
    }
}
