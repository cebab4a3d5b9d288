package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountHandle;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.account.Username;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The accounts of the built-in directory, read in plain JDBC (see {@link RowReads}). */
final class StoredAccounts implements Accounts {

    private static final String COLUMNS = "select id, username, email, full_name, picture, two_factor from accounts";

    private final RowReads reads;

    StoredAccounts(RowReads reads) {
        this.reads = reads;
    }

    /** Every authenticated request asks this, so it is one plain select (see {@link RowReads}). */
    @Override
    public Optional<Account> byId(AccountId id) {
        return reads.read(COLUMNS + " where id = ?", statement -> statement.setLong(1, id.value()),
                rows -> rows.next() ? Optional.of(account(rows)) : Optional.empty());
    }

    @Override
    public Map<AccountId, Account> byIds(Collection<AccountId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Long[] values = ids.stream().map(AccountId::value).distinct().toArray(Long[]::new);
        // One array parameter, looked up through the primary key on both databases, however many
        // ids: an IN list of a thousand parameters cost Hibernate more to translate than the read.
        return reads.read(COLUMNS + " where id = any(?)",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("bigint", values)),
                rows -> {
                    Map<AccountId, Account> found = new HashMap<>();
                    while (rows.next()) {
                        Account account = account(rows);
                        found.put(account.id(), account);
                    }
                    return found;
                });
    }

    /**
     * Every send asks this for its receiver, so it is plain selects (see {@link RowReads}): the
     * username first, which is how friends are usually named, and the email only when no
     * username matched. One indexed lookup each: H2 answers "username = ? or email_key = ?"
     * with a scan of every account, and parses a {@code union all} again on every call (it
     * keeps no union in its statement cache).
     */
    @Override
    public Optional<Account> resolve(AccountHandle handle) {
        Optional<Account> byUsername = one(COLUMNS + " where username = ?", handle.value())
                .filter(handle::isUsernameOf);
        if (byUsername.isPresent()) {
            return byUsername;
        }
        return one(COLUMNS + " where email_key = ?", handle.emailKey()).filter(handle::isEmailOf);
    }

    private Optional<Account> one(String sql, String key) {
        return reads.read(sql, statement -> statement.setString(1, key),
                rows -> rows.next() ? Optional.of(account(rows)) : Optional.empty());
    }

    private static Account account(ResultSet row) throws SQLException {
        return new Account(AccountId.of(row.getLong(1)), Username.of(row.getString(2)), row.getString(3),
                row.getString(4), row.getString(5), row.getBoolean(6));
    }
}
