package io.friendchat.domain.friendship;

import io.friendchat.domain.account.AccountId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FriendshipTest {

    private static final AccountId ALICE = AccountId.of(1);
    private static final AccountId BOB = AccountId.of(2);
    private static final AccountId CAROL = AccountId.of(3);

    /** Alice and Bob are friends; Carol is nobody's. */
    private static final Friendships ALICE_AND_BOB = new Friendships() {
        @Override
        public boolean areFriends(AccountId a, AccountId b) {
            return !a.equals(b) && Set.of(a, b).equals(Set.of(ALICE, BOB));
        }

        @Override
        public Set<AccountId> friendsOf(AccountId account) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<AccountId> friendsAmong(AccountId account, Collection<AccountId> candidates) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void a_friendship_is_unordered() {
        assertThat(Friendship.of(BOB, ALICE)).isEqualTo(Friendship.of(ALICE, BOB));
        assertThat(Friendship.of(BOB, ALICE).low()).isEqualTo(ALICE);
        assertThat(Friendship.of(BOB, ALICE).includes(BOB)).isTrue();
        assertThat(Friendship.of(BOB, ALICE).includes(CAROL)).isFalse();
    }

    @Test
    void nobody_is_their_own_friend() {
        assertThatThrownBy(() -> Friendship.of(ALICE, ALICE)).isInstanceOf(SelfConversation.class);
        assertThatThrownBy(() -> new Friendship(BOB, ALICE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void friends_pass_the_only_friends_talk_rule() {
        assertThatCode(() -> ALICE_AND_BOB.requireFriends(BOB, ALICE)).doesNotThrowAnyException();
    }

    @Test
    void strangers_are_stopped_by_the_only_friends_talk_rule_with_both_named() {
        assertThatThrownBy(() -> ALICE_AND_BOB.requireFriends(ALICE, CAROL))
                .isInstanceOfSatisfying(NotFriends.class, e -> {
                    assertThat(e.caller()).isEqualTo(ALICE);
                    assertThat(e.other()).isEqualTo(CAROL);
                })
                .hasMessage("You can only talk with your friends, and this account is not one.");
    }
}
