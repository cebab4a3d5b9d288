package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.friendship.Friendship;
import io.friendchat.domain.friendship.Friendships;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** The friend graph of the built-in directory, read in plain JDBC (see {@link RowReads}). */
final class StoredFriendships implements Friendships {

    /*
     * The account's friendships as their lower account, then as their higher one: each half one
     * index lookup (friendships_pk, friendships_high_ix). H2 reads "low_account = ? or
     * high_account = ?" as "? in (low_account, high_account)" and scans every friendship for it.
     */
    private static final String FRIENDS_OF = """
            select high_account from friendships where low_account = ?
            union all
            select low_account from friendships where high_account = ?""";

    private final RowReads reads;

    StoredFriendships(RowReads reads) {
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
        return reads.read(FRIENDS_OF, statement -> {
            statement.setLong(1, account.value());
            statement.setLong(2, account.value());
        }, rows -> {
            Set<AccountId> friends = new HashSet<>();
            while (rows.next()) {
                friends.add(AccountId.of(rows.getLong(1)));
            }
            return friends;
        });
    }

    /**
     * The account's friends, kept when among the candidates: two index range reads of the
     * account's own friendships, where a list of a thousand candidates made H2 compare each
     * friendship with every candidate in turn. An account's friends are a bounded set (the
     * presence announcements read them all too).
     */
    @Override
    public Set<AccountId> friendsAmong(AccountId account, Collection<AccountId> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Set<AccountId> friends = friendsOf(account);
        friends.retainAll(candidates instanceof Set<?> ? candidates : new HashSet<>(candidates));
        return friends;
    }
}
