package io.friendchat.domain.friendship;

import io.friendchat.domain.ChatException;

/** Nobody talks to themselves: a conversation is between two different accounts. */
public final class SelfConversation extends ChatException {

    public SelfConversation() {
        super("You cannot talk to yourself: 'account' names your own account.");
    }
}
