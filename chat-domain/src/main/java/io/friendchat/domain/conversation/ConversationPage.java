package io.friendchat.domain.conversation;

import io.friendchat.domain.message.Message;

import java.util.List;

/**
 * One page of a conversation, oldest first. {@code hasMore} says older messages
 * exist before the first one here; {@code conversationEmpty} that the pair has never
 * exchanged a message at all (a page past the start is empty without being that).
 */
public record ConversationPage(List<Message> messages, boolean hasMore, boolean conversationEmpty) {

    public ConversationPage {
        messages = List.copyOf(messages);
    }

    public static ConversationPage none() {
        return new ConversationPage(List.of(), false, true);
    }
}
