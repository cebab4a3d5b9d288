package io.friendchat.application;

import io.friendchat.application.access.AuthenticateCaller;
import io.friendchat.application.conversation.ListConversations;
import io.friendchat.application.conversation.MarkRead;
import io.friendchat.application.conversation.ReadConversation;
import io.friendchat.application.directory.ManageAccounts;
import io.friendchat.application.directory.ManageFriendships;
import io.friendchat.application.live.CatchUp;
import io.friendchat.application.live.CloseLiveSession;
import io.friendchat.application.live.OpenLiveSession;
import io.friendchat.application.live.SignalTyping;
import io.friendchat.application.message.SendMessage;

import java.util.Optional;

/**
 * The use cases of one friendchat, built over one set of ports: what the driving
 * adapters (REST, WebSocket) and embedding hosts are handed.
 */
public record ChatUseCases(ChatSettings settings, AuthenticateCaller authenticateCaller, SendMessage sendMessage,
                           ReadConversation readConversation, ListConversations listConversations,
                           MarkRead markRead, OpenLiveSession openLiveSession, CloseLiveSession closeLiveSession,
                           CatchUp catchUp, SignalTyping signalTyping,
                           Optional<ManageAccounts> manageAccounts, Optional<ManageFriendships> manageFriendships) {

    public static ChatUseCases over(ChatPorts ports, ChatSettings settings) {
        return new ChatUseCases(
                settings,
                new AuthenticateCaller(ports.tokens(), ports.accounts()),
                new SendMessage(ports.accounts(), ports.friendships(), ports.messages(), ports.rateLimiter(),
                        ports.notifier(), ports.clock(), settings),
                new ReadConversation(ports.accounts(), ports.friendships(), ports.messages(), ports.presence(),
                        settings),
                new ListConversations(ports.accounts(), ports.friendships(), ports.messages(), ports.presence()),
                new MarkRead(ports.accounts(), ports.friendships(), ports.messages(), ports.notifier()),
                new OpenLiveSession(ports.accounts(), ports.friendships(), ports.presence(), ports.notifier()),
                new CloseLiveSession(ports.friendships(), ports.presence(), ports.notifier()),
                new CatchUp(ports.accounts(), ports.friendships(), ports.messages(), settings),
                new SignalTyping(ports.accounts(), ports.friendships(), ports.typingThrottle(), ports.notifier()),
                ports.optionalDirectory().map(ManageAccounts::new),
                ports.optionalDirectory().map(ManageFriendships::new));
    }
}
