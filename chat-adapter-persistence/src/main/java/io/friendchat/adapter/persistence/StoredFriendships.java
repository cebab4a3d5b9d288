package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.friendship.Friendship;
import io.friendchat.domain.friendship.Friendships;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The friend graph of the built-in directory. */
final class StoredFriendships implements Friendships {

    /*
     * The account's friendships as their lower account, then as their higher one: each half one
     * index lookup (friendships_pk, friendships_high_ix). H2 reads "low_account = ? or
     * high_account = ?" as "? in (low_account, high_account)" and scans every friendship for it.
     */
    private static final String FRIENDS_OF = """
            select f.highAccount from Friendship f where f.lowAccount = :account
            union all
            select f.lowAccount from Friendship f where f.highAccount = :account""";

    private static final String FRIENDS_AMONG = """
            select f.highAccount from Friendship f where f.lowAccount = :account and f.highAccount in :candidates
            union all
            select f.lowAccount from Friendship f where f.highAccount = :account and f.lowAccount in :candidates""";

    private final SessionScope scope;
    private final RowReads reads;

    StoredFriendships(SessionScope scope, RowReads reads) {
        this.scope = scope;
        this.reads = reads;
    }

    /** Every send asks this, so it is one plain select (see {@link RowReads}). */
    @Override
    public boolean areFriends(AccountId a, AccountId b) {
        if (a.equals(b)) {
            return false;
        }
        Friendship pair = Friendship.of(a, b);
        return reads.read("select 1 from friendships where low_account = ? and high_account = ?", statement -> {
            statement.setLong(1, pair.low().value());
            statement.setLong(2, pair.high().value());
        }, ResultSet::next);
    }

    @Override
    public Set<AccountId> friendsOf(AccountId account) {
        return scope.call(session -> toIds(session.createSelectionQuery(FRIENDS_OF, Long.class)
                .setParameter("account", account.value())
                .getResultList()));
    }

    @Override
    public Set<AccountId> friendsAmong(AccountId account, Collection<AccountId> candidates) {
        List<Long> values = candidates.stream().map(AccountId::value).distinct().toList();
        if (values.isEmpty()) {
            return Set.of();
        }
        return scope.call(session -> {
            Set<AccountId> friends = new HashSet<>();
            for (int from = 0; from < values.size(); from += StoredAccounts.IDS_PER_QUERY) {
                List<Long> chunk = values.subList(from, Math.min(values.size(), from + StoredAccounts.IDS_PER_QUERY));
                friends.addAll(toIds(session.createSelectionQuery(FRIENDS_AMONG, Long.class)
                        .setParameter("account", account.value())
                        .setParameter("candidates", chunk)
                        .getResultList()));
            }
            return friends;
        });
    }

    private static Set<AccountId> toIds(List<Long> values) {
        Set<AccountId> ids = new HashSet<>(values.size());
        values.forEach(value -> ids.add(AccountId.of(value)));
        return ids;
    }
}
