package io.friendchat.domain.message;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.conversation.Conversation;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MessageTest {

    private static final Instant NOON = Instant.parse("2024-09-28T12:00:00Z");

    @Test
    void a_restored_message_carries_every_stored_field() {
        Message message = Message.restore(17, 2, 1, "hello", NOON, "c-1");

        assertThat(message).isEqualTo(new Message(MessageId.of(17), AccountId.of(2), AccountId.of(1), "hello", NOON,
                ClientId.of("c-1")));
        assertThat(message.optionalClientId()).contains(ClientId.of("c-1"));
    }

    @Test
    void a_message_restored_without_client_id_has_none() {
        assertThat(Message.restore(1, 1, 2, "hi", NOON, null).optionalClientId()).isEmpty();
    }

    @Test
    void a_message_belongs_to_the_conversation_of_its_two_accounts_whoever_wrote_it() {
        Conversation expected = new Conversation(AccountId.of(1), AccountId.of(2));

        assertThat(Message.restore(1, 2, 1, "a", NOON, null).conversation()).isEqualTo(expected);
        assertThat(Message.restore(2, 1, 2, "b", NOON, null).conversation()).isEqualTo(expected);
    }

    @Test
    void a_new_message_becomes_the_stored_message_under_the_id_the_store_draws() {
        NewMessage draft = new NewMessage(AccountId.of(1), AccountId.of(2), MessageText.of(" hi ", 2000), NOON,
                ClientId.of("c"));

        assertThat(draft.withId(MessageId.of(5)))
                .isEqualTo(Message.restore(5, 1, 2, " hi ", NOON, "c"));
        assertThat(draft.conversation()).isEqualTo(new Conversation(AccountId.of(1), AccountId.of(2)));
    }
}
