package io.friendchat.application.conversation;

import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.friendship.SelfConversation;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NobodyTalksToThemselvesTest {

    private final TestChat chat = TestChat.aChat();
    private final Account alice = chat.add(anAccount(1, "alice").withEmail("Alice@Example.com"));

    @Test
    void sending_to_ones_own_username_is_refused_and_stores_nothing() {
        assertThatThrownBy(() -> chat.send(alice, "alice", "note to self", null))
                .isInstanceOf(SelfConversation.class);

        assertThat(chat.messages.all()).isEmpty();
        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void sending_to_ones_own_email_in_another_case_is_refused() {
        assertThatThrownBy(() -> chat.send(alice, "ALICE@example.COM", "note to self", null))
                .isInstanceOf(SelfConversation.class);

        assertThat(chat.messages.all()).isEmpty();
    }

    @Test
    void reading_ones_own_conversation_is_refused() {
        assertThatThrownBy(() -> chat.read(alice, "alice", null, null)).isInstanceOf(SelfConversation.class);
        assertThatThrownBy(() -> chat.read(alice, "alice@EXAMPLE.com", null, null))
                .isInstanceOf(SelfConversation.class);
    }

    @Test
    void marking_ones_own_conversation_read_is_refused() {
        assertThatThrownBy(() -> chat.useCases.markRead().mark(alice, "alice", 1))
                .isInstanceOf(SelfConversation.class);
    }

    @Test
    void typing_to_oneself_is_silently_dropped() {
        assertThat(chat.useCases.signalTyping().signal(alice, "alice")).isFalse();
        assertThat(chat.notifier.deliveries()).isEmpty();
    }
}
