package io.friendchat.application.conversation;

import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConversationOrderTest {

    private final TestChat chat = TestChat.aChat();
    private final Account alice = chat.add(anAccount(1, "alice"));
    private final Account bob = chat.add(anAccount(2, "bob"));

    @Test
    void a_conversation_is_ordered_by_message_id_even_when_the_clock_goes_backwards() {
        chat.befriend(alice, bob);
        Message first = chat.send(alice, bob, "first");
        chat.clock.advance(Duration.ofHours(-1));
        Message second = chat.send(bob, alice, "second, an hour earlier by the clock");
        chat.clock.advance(Duration.ofDays(-1));
        Message third = chat.send(alice, bob, "third, a day earlier still");

        assertThat(second.sentAt()).isBefore(first.sentAt());
        assertThat(third.sentAt()).isBefore(second.sentAt());
        assertThat(chat.read(alice, bob).page().messages()).containsExactly(first, second, third);
    }

    @Test
    void the_inbox_puts_first_the_conversation_with_the_highest_latest_id_not_the_latest_time() {
        Account carol = chat.add(anAccount(3, "carol"));
        chat.befriend(alice, bob);
        chat.befriend(alice, carol);
        chat.send(alice, bob, "to bob");
        chat.clock.advance(Duration.ofHours(-5));
        chat.send(alice, carol, "to carol, earlier by the clock");

        assertThat(chat.useCases.listConversations().list(alice))
                .extracting(row -> row.partner().username().value())
                .containsExactly("carol", "bob");
    }
}
