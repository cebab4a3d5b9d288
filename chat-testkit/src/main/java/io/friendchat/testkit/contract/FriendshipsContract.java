package io.friendchat.testkit.contract;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.friendship.NotFriends;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What every {@link Friendships} must do. Extend it with the friend graph under
 * test and the two ways to change it (for the built-in directory: befriend and
 * unfriend). The graph may hold friendships of earlier tests: every test uses
 * accounts of its own.
 */
public abstract class FriendshipsContract {

    protected Friendships friendships;
    protected AccountId alice;
    protected AccountId bob;
    protected AccountId carol;
    protected AccountId dave;

    /** The friend graph under test; called before each test. */
    protected abstract Friendships friendshipsUnderTest();

    /** Makes the two friends in the graph under test. */
    protected abstract void befriend(AccountId a, AccountId b);

    /** Ends the two's friendship in the graph under test. */
    protected abstract void unfriend(AccountId a, AccountId b);

    @BeforeEach
    void freshAccounts() {
        friendships = friendshipsUnderTest();
        FourAccounts accounts = FourAccounts.fresh();
        alice = accounts.alice();
        bob = accounts.bob();
        carol = accounts.carol();
        dave = accounts.dave();
    }

    @Test
    void nobodyIsFriendsUntilBefriended() {
        assertThat(friendships.areFriends(alice, bob)).isFalse();
        assertThat(friendships.friendsOf(alice)).isEmpty();
        assertThatThrownBy(() -> friendships.requireFriends(alice, bob)).isInstanceOf(NotFriends.class);
    }

    @Test
    void friendshipGoesBothWays() {
        befriend(bob, alice);

        assertThat(friendships.areFriends(alice, bob)).isTrue();
        assertThat(friendships.areFriends(bob, alice)).isTrue();
        assertThatCode(() -> friendships.requireFriends(alice, bob)).doesNotThrowAnyException();
        assertThat(friendships.areFriends(alice, carol)).isFalse();
    }

    @Test
    void befriendingTwiceChangesNothing() {
        befriend(alice, bob);
        befriend(bob, alice);

        assertThat(friendships.friendsOf(alice)).containsExactly(bob);
        assertThat(friendships.friendsOf(bob)).containsExactly(alice);
    }

    @Test
    void unfriendingEndsTheFriendshipAndMayBeRepeated() {
        befriend(alice, bob);
        befriend(alice, carol);

        unfriend(bob, alice);
        unfriend(alice, bob);
        unfriend(alice, dave);

        assertThat(friendships.areFriends(alice, bob)).isFalse();
        assertThat(friendships.friendsOf(alice)).containsExactly(carol);
        assertThat(friendships.friendsOf(bob)).isEmpty();
    }

    @Test
    void friendsMayBefriendAgain() {
        befriend(alice, bob);
        unfriend(alice, bob);
        befriend(bob, alice);

        assertThat(friendships.areFriends(alice, bob)).isTrue();
    }

    @Test
    void nobodyIsTheirOwnFriend() {
        befriend(alice, bob);

        assertThat(friendships.areFriends(alice, alice)).isFalse();
        assertThat(friendships.friendsOf(alice)).doesNotContain(alice);
    }

    @Test
    void friendsOfListsFriendsWithLowerAndHigherIds() {
        befriend(bob, alice);
        befriend(bob, carol);
        befriend(dave, bob);
        befriend(alice, carol);

        assertThat(friendships.friendsOf(bob)).containsExactlyInAnyOrder(alice, carol, dave);
        assertThat(friendships.friendsOf(alice)).containsExactlyInAnyOrder(bob, carol);
        assertThat(friendships.friendsOf(dave)).containsExactly(bob);
    }

    @Test
    void friendsAmongKeepsOnlyTheCandidatesWhoAreFriends() {
        befriend(bob, alice);
        befriend(bob, dave);
        befriend(alice, carol);

        assertThat(friendships.friendsAmong(bob, List.of(alice, carol, dave, bob, alice)))
                .isEqualTo(Set.of(alice, dave));
        assertThat(friendships.friendsAmong(carol, List.of(alice, bob))).isEqualTo(Set.of(alice));
        assertThat(friendships.friendsAmong(bob, List.of())).isEmpty();
    }

    @Test
    void racingBefriendsOfOnePairMakeOneFriendship() throws InterruptedException {
        List<Concurrently.Outcome<Boolean>> outcomes = Concurrently.run(8, i -> () -> {
            if (i % 2 == 0) {
                befriend(alice, bob);
            } else {
                befriend(bob, alice);
            }
            return true;
        });

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        assertThat(friendships.friendsOf(alice)).containsExactly(bob);
    }
}
