package io.friendchat.domain.conversation;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InboxEntryTest {

    private static final Message LATEST = Message.restore(3, 2, 1, "hi", Instant.parse("2024-09-28T12:00:00Z"), null);

    @Test
    void an_unread_count_is_never_negative() {
        assertThatThrownBy(() -> new InboxEntry(AccountId.of(2), LATEST, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new InboxEntry(AccountId.of(2), LATEST, 0).unread()).isZero();
    }
}
