package io.friendchat.adapter.rest.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.friendchat.adapter.rest.internal.WireTime;
import io.friendchat.application.ChatSettings;
import io.friendchat.application.Profile;
import io.friendchat.application.conversation.ReadConversation.ConversationView;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.message.Message;

import java.util.List;

/** A conversation page as the wire has it ({@code vide}, {@code sender-info}, {@code reciver}, ...). */
@JsonPropertyOrder({"vide", "sender-info", "data", "has_more"})
record ConversationJson(boolean vide, @JsonProperty("sender-info") SenderInfo senderInfo, List<MessageJson> data,
                        @JsonProperty("has_more") boolean hasMore) {

    /** The answer when the pair never exchanged a message. */
    @JsonPropertyOrder({"vide", "message"})
    record Empty(boolean vide, String message) {
        static final Empty INSTANCE = new Empty(true, "No Messages Recived at the current time !");
    }

    @JsonPropertyOrder({"on_talk", "online", "picture", "full_name", "read_up_to"})
    record SenderInfo(@JsonProperty("on_talk") String onTalk, boolean online, String picture,
                      @JsonProperty("full_name") String fullName, @JsonProperty("read_up_to") long readUpTo) {
    }

    @JsonPropertyOrder({"id", "sender", "reciver", "message", "time"})
    record MessageJson(long id, String sender, String reciver, String message, String time) {

        static MessageJson of(Message message, Account caller, Account friend, WireTime time) {
            boolean fromCaller = message.sender().equals(caller.id());
            Account sender = fromCaller ? caller : friend;
            Account receiver = fromCaller ? friend : caller;
            return new MessageJson(message.id().value(), sender.username().value(), receiver.username().value(),
                    message.text(), time.format(message.sentAt()));
        }
    }

    static ConversationJson of(Account caller, ConversationView view, ChatSettings settings, WireTime time) {
        Profile friend = Profile.of(view.friend(), settings);
        SenderInfo info = new SenderInfo(friend.username(), view.friendOnline(), friend.picture(), friend.fullName(),
                view.readUpTo());
        List<MessageJson> data = view.page().messages().stream()
                .map(message -> MessageJson.of(message, caller, view.friend(), time))
                .toList();
        return new ConversationJson(false, info, data, view.page().hasMore());
    }
}
