package io.friendchat.adapter.persistence;

import io.friendchat.domain.conversation.Conversation;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of conversation rows this node has seen committed. A pair's row, once committed,
 * keeps its id for good: conversations are never deleted and the pair is unique, so an id
 * remembered here is right on every node sharing the database. Saves a send its lookup
 * inside the group commit, where every statement holds up the batches behind it.
 * Bounded by clearing when full: a forgotten pair costs one lookup.
 */
final class ConversationIds {

    static final int MAX_REMEMBERED = 100_000;

    private final ConcurrentHashMap<Conversation, Long> committed = new ConcurrentHashMap<>();

    OptionalLong of(Conversation conversation) {
        Long id = committed.get(conversation);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** Only for a row read by a transaction that did not create it: one it created may still roll back. */
    void rememberCommitted(Conversation conversation, long id) {
        if (committed.size() >= MAX_REMEMBERED) {
            committed.clear();
        }
        committed.put(conversation, id);
    }
}
