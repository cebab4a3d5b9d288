package io.friendchat.domain.conversation;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.friendship.SelfConversation;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConversationTest {

    private static final AccountId ALICE = AccountId.of(1);
    private static final AccountId BOB = AccountId.of(2);
    private static final AccountId CAROL = AccountId.of(3);

    @Test
    void a_pair_has_one_conversation_whichever_way_round_it_is_named() {
        assertThat(Conversation.between(BOB, ALICE)).isEqualTo(Conversation.between(ALICE, BOB));
        assertThat(Conversation.between(BOB, ALICE).low()).isEqualTo(ALICE);
        assertThat(Conversation.between(BOB, ALICE).high()).isEqualTo(BOB);
    }

    @Test
    void nobody_has_a_conversation_with_themselves() {
        assertThatThrownBy(() -> Conversation.between(ALICE, ALICE))
                .isInstanceOf(SelfConversation.class)
                .hasMessage("You cannot talk to yourself: 'account' names your own account.");
    }

    @Test
    void a_conversation_is_kept_lower_id_first() {
        assertThatThrownBy(() -> new Conversation(BOB, ALICE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Conversation(ALICE, ALICE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void each_side_sees_the_other_as_partner() {
        Conversation conversation = Conversation.between(ALICE, BOB);

        assertThat(conversation.partnerOf(ALICE)).isEqualTo(BOB);
        assertThat(conversation.partnerOf(BOB)).isEqualTo(ALICE);
        assertThat(conversation.includes(ALICE)).isTrue();
        assertThat(conversation.includes(CAROL)).isFalse();
    }

    @Test
    void an_outsider_has_no_partner_in_the_conversation() {
        assertThatThrownBy(() -> Conversation.between(ALICE, BOB).partnerOf(CAROL))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
