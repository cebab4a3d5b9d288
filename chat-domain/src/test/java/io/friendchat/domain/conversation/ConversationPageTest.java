package io.friendchat.domain.conversation;

import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConversationPageTest {

    @Test
    void the_page_of_a_conversation_without_messages_says_so() {
        ConversationPage none = ConversationPage.none();

        assertThat(none.messages()).isEmpty();
        assertThat(none.hasMore()).isFalse();
        assertThat(none.conversationEmpty()).isTrue();
    }

    @Test
    void a_page_keeps_a_copy_of_its_messages() {
        Message hi = Message.restore(3, 2, 1, "hi", Instant.parse("2024-09-28T12:00:00Z"), null);
        List<Message> messages = new ArrayList<>(List.of(hi));
        ConversationPage page = new ConversationPage(messages, false, false);

        messages.clear();

        assertThat(page.messages()).containsExactly(hi);
    }
}
