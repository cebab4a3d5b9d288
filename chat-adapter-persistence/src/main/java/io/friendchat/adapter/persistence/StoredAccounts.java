package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountHandle;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Accounts;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The accounts of the built-in directory. */
final class StoredAccounts implements Accounts {

    /** Ids per query: far below PostgreSQL's 32,767 bind parameters, even padded to a power of two. */
    static final int IDS_PER_QUERY = 8192;

    private final SessionScope scope;

    StoredAccounts(SessionScope scope) {
        this.scope = scope;
    }

    @Override
    public Optional<Account> byId(AccountId id) {
        return scope.call(session -> Optional.ofNullable(session.find(AccountEntity.class, id.value()))
                .map(AccountEntity::toDomain));
    }

    @Override
    public Map<AccountId, Account> byIds(Collection<AccountId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Long> values = ids.stream().map(AccountId::value).distinct().toList();
        return scope.call(session -> {
            Map<AccountId, Account> found = new HashMap<>();
            for (int from = 0; from < values.size(); from += IDS_PER_QUERY) {
                List<Long> chunk = values.subList(from, Math.min(values.size(), from + IDS_PER_QUERY));
                session.createSelectionQuery("from Account a where a.id in :ids", AccountEntity.class)
                        .setParameter("ids", chunk)
                        .getResultList()
                        .forEach(entity -> found.put(AccountId.of(entity.id), entity.toDomain()));
            }
            return found;
        });
    }

    @Override
    public Optional<Account> resolve(AccountHandle handle) {
        return scope.call(session -> {
            List<AccountEntity> candidates = session.createSelectionQuery(
                            "from Account a where a.username = :handle or a.emailKey = :emailKey", AccountEntity.class)
                    .setParameter("handle", handle.value())
                    .setParameter("emailKey", handle.emailKey())
                    .getResultList();
            List<Account> accounts = candidates.stream().map(AccountEntity::toDomain).toList();
            return accounts.stream().filter(handle::isUsernameOf).findFirst()
                    .or(() -> accounts.stream().filter(handle::isEmailOf).findFirst());
        });
    }
}
