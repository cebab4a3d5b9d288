package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.message.AppendOutcome;
import io.friendchat.domain.message.ClientId;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageId;
import io.friendchat.domain.message.NewMessage;
import io.friendchat.domain.store.StoreUnavailable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The statements of one or more sends inside the caller's transaction, in a lock order
 * that is the same for every transaction, so batches of two nodes sharing one database
 * cannot deadlock: first the receivers' mailboxes, ascending by account id; then the
 * conversation rows a send creates, ascending by pair; last the conversation rows the sends
 * update, ascending by id. In between, in arrival order, each send's client id is looked up
 * and its id drawn by the insert: two sends to one receiver keep their order, and every id
 * a receiver gets is drawn under its mailbox lock, so those ids rise in commit order.
 */
final class OrderedSends {

    private static final Comparator<Conversation> BY_PAIR = Comparator
            .comparingLong((Conversation conversation) -> conversation.low().value())
            .thenComparingLong(conversation -> conversation.high().value());

    private final SendStatements statements;

    OrderedSends(SendStatements statements) {
        this.statements = statements;
    }

    /**
     * One outcome per send, in the same order. A send under a client id its sender already
     * used (earlier, or earlier in this list) stores nothing and answers the first message.
     * Throws what the database threw; the caller then rolls the whole transaction back.
     */
    List<AppendOutcome> write(Connection connection, List<NewMessage> sends) throws SQLException {
        TreeSet<Long> receivers = new TreeSet<>();
        for (NewMessage send : sends) {
            receivers.add(send.receiver().value());
        }
        for (long receiver : receivers) {
            statements.lockMailbox(connection, receiver);
        }

        AppendOutcome[] outcomes = new AppendOutcome[sends.size()];
        int[] repeatOf = new int[sends.size()];
        Arrays.fill(repeatOf, -1);
        Map<SenderClientId, Integer> firstUse = new HashMap<>();
        List<Integer> toInsert = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            NewMessage send = sends.get(i);
            if (send.clientId() != null) {
                Integer first = firstUse.putIfAbsent(new SenderClientId(send.sender(), send.clientId()), i);
                if (first != null) {
                    repeatOf[i] = first;
                    continue;
                }
                Optional<Message> stored = statements.storedByClientId(connection, send.sender().value(),
                        send.clientId().value());
                if (stored.isPresent()) {
                    outcomes[i] = AppendOutcome.replayed(stored.get());
                    continue;
                }
            }
            toInsert.add(i);
        }

        Map<Conversation, Long> conversationIds = new TreeMap<>(BY_PAIR);
        for (int i : toInsert) {
            conversationIds.put(sends.get(i).conversation(), null);
        }
        for (Map.Entry<Conversation, Long> entry : conversationIds.entrySet()) {
            entry.setValue(statements.conversationId(connection, entry.getKey()));
        }

        List<Move> moves = new ArrayList<>(toInsert.size());
        for (int i : toInsert) {
            NewMessage send = sends.get(i);
            Conversation conversation = send.conversation();
            long conversationId = conversationIds.get(conversation);
            OptionalLong id = statements.insert(connection, conversationId, send, send.sentAt());
            if (id.isPresent()) {
                outcomes[i] = AppendOutcome.created(send.withId(MessageId.of(id.getAsLong())));
                moves.add(new Move(conversationId, SendStatements.receiverIsLow(conversation, send), id.getAsLong()));
            } else {
                outcomes[i] = storedMeanwhile(connection, send);
            }
        }
        moves.sort(Comparator.comparingLong(Move::conversationId).thenComparingLong(Move::messageId));
        for (Move move : moves) {
            statements.moveConversation(connection, move.conversationId(), move.receiverIsLow(), move.messageId(), 1);
        }

        for (int i = 0; i < sends.size(); i++) {
            if (repeatOf[i] >= 0) {
                outcomes[i] = outcomes[repeatOf[i]].repeated();
            }
        }
        return List.of(outcomes);
    }

    /** The insert found the client id taken by a send to another receiver that committed meanwhile. */
    private AppendOutcome storedMeanwhile(Connection connection, NewMessage send) throws SQLException {
        return statements.storedByClientId(connection, send.sender().value(), send.clientId().value())
                .map(AppendOutcome::replayed)
                .orElseGet(() -> AppendOutcome.failed(new StoreUnavailable(StoreFailures.UNAVAILABLE,
                        new IllegalStateException("a duplicate client id whose message cannot be read"))));
    }

    private record SenderClientId(AccountId sender, ClientId clientId) {
    }

    /** A conversation pointer and unread count to move once the batch's ids are drawn. */
    private record Move(long conversationId, boolean receiverIsLow, long messageId) {
    }
}
