package io.friendchat.testkit.contract;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import io.friendchat.domain.conversation.ConversationPage;
import io.friendchat.domain.conversation.InboxEntry;
import io.friendchat.domain.conversation.PageRequest;
import io.friendchat.domain.conversation.ReadMark;
import io.friendchat.domain.message.Appended;
import io.friendchat.domain.message.ClientId;
import io.friendchat.domain.message.Message;
import io.friendchat.domain.message.MessageId;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.domain.message.MessageText;
import io.friendchat.domain.message.NewMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link MessageStore} must do. Extend it and return the store under
 * test from {@link #storeUnderTest()}; the store may hold data of earlier tests, since
 * every test uses accounts of its own.
 */
public abstract class MessageStoreContract {

    private static final Instant SENT = Instant.parse("2024-09-28T14:41:27.123456Z");

    protected MessageStore store;
    protected AccountId alice;
    protected AccountId bob;
    protected AccountId carol;
    protected AccountId dave;
    private int sends;

    /** The store under test; called before each test. */
    protected abstract MessageStore storeUnderTest();

    @BeforeEach
    void freshAccounts() {
        store = storeUnderTest();
        FourAccounts accounts = FourAccounts.fresh();
        alice = accounts.alice();
        bob = accounts.bob();
        carol = accounts.carol();
        dave = accounts.dave();
    }

    @Test
    void appendStoresTheMessageAsGivenUnderAnIdDrawnByTheStore() {
        String text = "  héllo 👋\n\"quoted\" <b>not html</b>  ";
        Appended appended = store.append(new NewMessage(alice, bob, new MessageText(text), SENT, null));

        assertThat(appended.created()).isTrue();
        Message stored = appended.message();
        assertThat(stored.id().value()).isPositive();
        assertThat(stored).isEqualTo(new Message(stored.id(), alice, bob, text, SENT, null));
        assertThat(page(alice, bob, PageRequest.latest(10)).messages()).containsExactly(stored);
    }

    @Test
    void idsRiseInTheOrderMessagesAreAppended() {
        List<Message> sent = List.of(send(alice, bob), send(bob, alice), send(alice, carol), send(carol, bob),
                send(alice, bob));

        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).id()).isGreaterThan(sent.get(i - 1).id());
        }
    }

    @Test
    void aPageIsTheConversationOfBothDirectionsOldestFirst() {
        Message first = send(alice, bob);
        Message second = send(bob, alice);
        Message third = send(alice, bob);

        ConversationPage page = page(bob, alice, PageRequest.latest(10));

        assertThat(page.messages()).containsExactly(first, second, third);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.conversationEmpty()).isFalse();
    }

    @Test
    void aPageHoldsOnlyItsOwnConversation() {
        Message ours = send(alice, bob);
        send(alice, carol);
        send(carol, bob);
        send(dave, alice);
        Message oursAgain = send(bob, alice);

        assertThat(page(alice, bob, PageRequest.latest(10)).messages()).containsExactly(ours, oursAgain);
    }

    @Test
    void aLimitOfOneGivesTheLatestMessageAndSaysThereIsMore() {
        send(alice, bob);
        send(bob, alice);
        Message latest = send(alice, bob);

        ConversationPage page = page(alice, bob, PageRequest.latest(1));

        assertThat(page.messages()).containsExactly(latest);
        assertThat(page.hasMore()).isTrue();
        assertThat(page.conversationEmpty()).isFalse();
    }

    @Test
    void pagesOfTwoHundredWalkBackToTheStart() {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 205; i++) {
            sent.add(i % 3 == 0 ? send(bob, alice) : send(alice, bob));
        }

        ConversationPage latest = page(alice, bob, PageRequest.latest(200));
        assertThat(latest.messages()).containsExactlyElementsOf(sent.subList(5, 205));
        assertThat(latest.hasMore()).isTrue();

        ConversationPage older = page(alice, bob, PageRequest.before(latest.messages().get(0).id(), 200));
        assertThat(older.messages()).containsExactlyElementsOf(sent.subList(0, 5));
        assertThat(older.hasMore()).isFalse();
        assertThat(older.conversationEmpty()).isFalse();
    }

    @Test
    void aPageBeforeAnIdInTheMiddleGivesTheMessagesJustOlder() {
        Message first = send(alice, bob);
        Message second = send(bob, alice);
        Message third = send(alice, bob);
        send(alice, bob);

        ConversationPage page = page(alice, bob, PageRequest.before(third.id(), 1));
        assertThat(page.messages()).containsExactly(second);
        assertThat(page.hasMore()).isTrue();

        assertThat(page(alice, bob, PageRequest.before(third.id(), 5)).messages()).containsExactly(first, second);
    }

    @Test
    void aPageBeforeTheStartIsEmptyButTheConversationIsNot() {
        Message first = send(alice, bob);
        send(bob, alice);

        ConversationPage page = page(alice, bob, PageRequest.before(first.id(), 10));

        assertThat(page.messages()).isEmpty();
        assertThat(page.hasMore()).isFalse();
        assertThat(page.conversationEmpty()).isFalse();
    }

    @Test
    void aConversationWithoutMessagesIsEmpty() {
        send(alice, carol);

        assertThat(page(alice, bob, PageRequest.latest(10))).isEqualTo(ConversationPage.none());
        assertThat(page(alice, bob, PageRequest.before(MessageId.of(1_000_000), 10)))
                .isEqualTo(ConversationPage.none());
    }

    @Test
    void theInboxListsConversationsByTheirLatestMessageWithTheOwnersUnreadCount() {
        send(bob, alice);
        send(bob, alice);
        send(alice, carol);
        Message fromDave = send(dave, alice);
        Message fromBob = send(bob, alice);
        Message fromCarol = send(carol, alice);

        assertThat(store.inbox(alice)).containsExactly(
                new InboxEntry(carol, fromCarol, 1),
                new InboxEntry(bob, fromBob, 3),
                new InboxEntry(dave, fromDave, 1));
        assertThat(store.inbox(bob)).containsExactly(new InboxEntry(alice, fromBob, 0));
    }

    @Test
    void theLatestMessageOfAConversationIsTheNewestInEitherDirection() {
        send(alice, bob);
        Message reply = send(bob, alice);

        assertThat(store.inbox(alice)).containsExactly(new InboxEntry(bob, reply, 1));
        assertThat(store.inbox(bob)).containsExactly(new InboxEntry(alice, reply, 1));
    }

    @Test
    void anAccountWithoutConversationsHasAnEmptyInbox() {
        send(bob, carol);

        assertThat(store.inbox(alice)).isEmpty();
    }

    @Test
    void aRepeatedClientIdGivesTheFirstMessageAndStoresNothing() {
        Message first = store.append(draft(alice, bob, "first", "c-1")).message();

        Appended again = store.append(draft(alice, carol, "something else", "c-1"));

        assertThat(again.created()).isFalse();
        assertThat(again.message()).isEqualTo(first);
        assertThat(first.clientId()).isEqualTo(ClientId.of("c-1"));
        assertThat(page(alice, bob, PageRequest.latest(10)).messages()).containsExactly(first);
        assertThat(page(alice, carol, PageRequest.latest(10))).isEqualTo(ConversationPage.none());
        assertThat(store.inbox(bob)).containsExactly(new InboxEntry(alice, first, 1));
        assertThat(store.bySenderAndClientId(alice, ClientId.of("c-1"))).contains(first);
    }

    @Test
    void clientIdsBelongToTheirSender() {
        Message fromAlice = store.append(draft(alice, bob, "hi", "same")).message();

        Appended fromBob = store.append(draft(bob, alice, "hi back", "same"));

        assertThat(fromBob.created()).isTrue();
        assertThat(fromBob.message().id()).isNotEqualTo(fromAlice.id());
        assertThat(store.bySenderAndClientId(bob, ClientId.of("same"))).contains(fromBob.message());
        assertThat(store.bySenderAndClientId(alice, ClientId.of("other"))).isEmpty();
        assertThat(store.bySenderAndClientId(carol, ClientId.of("same"))).isEmpty();
    }

    @Test
    void duplicatesSentAtTheSameMomentStoreExactlyOneMessage() throws InterruptedException {
        List<AccountId> receivers = List.of(bob, carol, dave);
        List<Concurrently.Outcome<Appended>> outcomes = Concurrently.run(8, i -> () ->
                store.append(draft(alice, receivers.get(i % receivers.size()), "retry " + i, "race")));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        assertThat(outcomes.stream().filter(outcome -> outcome.value().created())).hasSize(1);
        Message stored = store.bySenderAndClientId(alice, ClientId.of("race")).orElseThrow();
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.value().message()).isEqualTo(stored));
        long conversationsWithIt = receivers.stream()
                .filter(receiver -> !page(alice, receiver, PageRequest.latest(10)).conversationEmpty())
                .count();
        assertThat(conversationsWithIt).isEqualTo(1);
    }

    @Test
    void receivedAfterGivesWhatTheAccountReceivedOldestFirst() {
        Message one = send(bob, alice);
        send(alice, bob);
        Message two = send(carol, alice);
        send(carol, bob);
        Message three = send(bob, alice);

        assertThat(store.receivedAfter(alice, null, 100)).containsExactly(one, two, three);
        assertThat(store.receivedAfter(alice, one.id(), 100)).containsExactly(two, three);
        assertThat(store.receivedAfter(alice, null, 2)).containsExactly(one, two);
        assertThat(store.receivedAfter(alice, three.id(), 100)).isEmpty();
        assertThat(store.receivedAfter(dave, null, 100)).isEmpty();
    }

    @Test
    void theLatestReceivedIdIsTheHighestIdTheAccountReceived() {
        assertThat(store.latestReceivedId(alice)).isZero();
        send(bob, alice);
        Message latest = send(carol, alice);
        Message sentByAlice = send(alice, bob);

        assertThat(store.latestReceivedId(alice)).isEqualTo(latest.id().value());
        assertThat(store.latestReceivedId(bob)).isEqualTo(sentByAlice.id().value());
        assertThat(store.latestReceivedId(dave)).isZero();
    }

    @Test
    void aReadMarkOnlyMovesForward() {
        Message one = send(bob, alice);
        Message two = send(bob, alice);
        send(bob, alice);
        Conversation conversation = Conversation.between(alice, bob);

        assertThat(store.markRead(conversation, alice, two.id())).isEqualTo(new ReadMark(two.id().value(), true, 1));
        assertThat(store.markRead(conversation, alice, one.id())).isEqualTo(new ReadMark(two.id().value(), false, 1));
        assertThat(store.markRead(conversation, alice, two.id())).isEqualTo(new ReadMark(two.id().value(), false, 1));
        assertThat(store.inbox(alice).get(0).unread()).isEqualTo(1);
    }

    @Test
    void aReadMarkPastTheLatestMessageStopsAtTheLatest() {
        send(bob, alice);
        Message latest = send(bob, alice);
        Conversation conversation = Conversation.between(alice, bob);

        ReadMark mark = store.markRead(conversation, alice, MessageId.of(latest.id().value() + 1_000));
        assertThat(mark).isEqualTo(new ReadMark(latest.id().value(), true, 0));

        Message next = send(bob, alice);
        assertThat(store.inbox(alice)).containsExactly(new InboxEntry(bob, next, 1));
        assertThat(store.markRead(conversation, alice, MessageId.of(next.id().value() + 1_000)))
                .isEqualTo(new ReadMark(next.id().value(), true, 0));
        assertThat(store.inbox(alice)).containsExactly(new InboxEntry(bob, next, 0));
    }

    @Test
    void anyIdIsAPositionForAReadMarkButOnlyThePartnersMessagesAreUnread() {
        send(alice, bob);
        send(bob, alice);
        Message mine = send(alice, bob);
        Message theirs = send(bob, alice);
        Conversation conversation = Conversation.between(alice, bob);

        assertThat(store.markRead(conversation, alice, mine.id())).isEqualTo(new ReadMark(mine.id().value(), true, 1));
        assertThat(store.inbox(alice)).containsExactly(new InboxEntry(bob, theirs, 1));
        assertThat(store.inbox(bob)).containsExactly(new InboxEntry(alice, theirs, 2));
    }

    @Test
    void markingAConversationWithoutMessagesLeavesNoMark() {
        send(alice, carol);

        assertThat(store.markRead(Conversation.between(alice, bob), alice, MessageId.of(5)))
                .isEqualTo(new ReadMark(0, false, 0));
        assertThat(store.readUpTo(Conversation.between(alice, bob), bob)).isZero();
    }

    @Test
    void readUpToIsTheAuthorsLatestMessageTheOtherHasRead() {
        Conversation conversation = Conversation.between(alice, bob);
        send(alice, bob);
        Message aliceSecond = send(alice, bob);
        Message bobFirst = send(bob, alice);
        Message aliceThird = send(alice, bob);

        assertThat(store.readUpTo(conversation, alice)).isZero();

        store.markRead(conversation, bob, bobFirst.id());
        assertThat(store.readUpTo(conversation, alice)).isEqualTo(aliceSecond.id().value());
        assertThat(store.readUpTo(conversation, bob)).isZero();

        store.markRead(conversation, bob, aliceThird.id());
        assertThat(store.readUpTo(conversation, alice)).isEqualTo(aliceThird.id().value());

        store.markRead(conversation, alice, bobFirst.id());
        assertThat(store.readUpTo(conversation, bob)).isEqualTo(bobFirst.id().value());
    }

    protected Message send(AccountId from, AccountId to) {
        Appended appended = store.append(draft(from, to, "message " + (++sends), null));
        assertThat(appended.created()).isTrue();
        return appended.message();
    }

    protected static NewMessage draft(AccountId from, AccountId to, String text, String clientId) {
        return new NewMessage(from, to, new MessageText(text), SENT,
                clientId == null ? null : ClientId.of(Objects.requireNonNull(clientId)));
    }

    protected ConversationPage page(AccountId a, AccountId b, PageRequest request) {
        return store.page(Conversation.between(a, b), request);
    }
}
