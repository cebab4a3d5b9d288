package io.friendchat.application.message;

import io.friendchat.application.fixtures.TestChat;
import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountNotFound;
import io.friendchat.domain.friendship.NotFriends;
import io.friendchat.domain.friendship.SelfConversation;
import io.friendchat.domain.ratelimit.RateLimited;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When several failures apply to one send, the first in API.md's order answers:
 * 400 (shape), client_id replay, 429, 404 account, 400 self, 403 not friends.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SendMessageCheckOrderTest {

    private final TestChat chat = TestChat.aChatWhere().rateLimit(1).build(); // 1 a second, bursts of 2
    private final Account alice = chat.add(anAccount(1, "alice"));
    private final Account bob = chat.add(anAccount(2, "bob"));
    private final Account stranger = chat.add(anAccount(3, "stranger"));

    {
        chat.befriend(alice, bob);
    }

    private void useUpTheBurst() {
        chat.send(alice, bob, "one");
        chat.send(alice, bob, "two");
    }

    @Test
    void a_blank_message_to_an_unknown_account_while_rate_limited_is_invalid() {
        useUpTheBurst();

        assertThatThrownBy(() -> chat.send(alice, "nobody", " ", null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_bad_client_id_is_invalid_even_while_rate_limited() {
        useUpTheBurst();

        assertThatThrownBy(() -> chat.send(alice, "bob", "hi", "x".repeat(65))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void an_invalid_send_takes_no_rate_limit_token() {
        chat.send(alice, bob, "one");
        assertThatThrownBy(() -> chat.send(alice, "bob", "", null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> chat.send(alice, "", "hi", null)).isInstanceOf(InvalidInput.class);

        assertThat(chat.send(alice, bob, "two").text()).isEqualTo("two");
    }

    @Test
    void a_send_to_an_unknown_account_while_rate_limited_is_rate_limited() {
        useUpTheBurst();

        assertThatThrownBy(() -> chat.send(alice, "nobody", "hi", null)).isInstanceOf(RateLimited.class);
    }

    @Test
    void a_send_to_oneself_while_rate_limited_is_rate_limited() {
        useUpTheBurst();

        assertThatThrownBy(() -> chat.send(alice, "alice", "hi", null)).isInstanceOf(RateLimited.class);
    }

    @Test
    void a_send_to_a_stranger_while_rate_limited_is_rate_limited() {
        useUpTheBurst();

        assertThatThrownBy(() -> chat.send(alice, "stranger", "hi", null)).isInstanceOf(RateLimited.class);
    }

    @Test
    void sends_refused_after_the_limiter_still_use_their_tokens() {
        assertThatThrownBy(() -> chat.send(alice, "nobody", "hi", null)).isInstanceOf(AccountNotFound.class);
        assertThatThrownBy(() -> chat.send(alice, "stranger", "hi", null)).isInstanceOf(NotFriends.class);

        assertThatThrownBy(() -> chat.send(alice, "bob", "hi", null)).isInstanceOf(RateLimited.class);
        assertThat(chat.messages.all()).isEmpty();
    }

    @Test
    void a_rate_limited_send_stores_and_notifies_nothing_and_says_when_to_retry() {
        useUpTheBurst();
        chat.notifier.clear();

        assertThatThrownBy(() -> chat.send(alice, "bob", "three", null))
                .isInstanceOfSatisfying(RateLimited.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(e.retryAfterSeconds()).isEqualTo(1);
                });
        assertThat(chat.messages.all()).hasSize(2);
        assertThat(chat.notifier.deliveries()).isEmpty();
    }

    @Test
    void the_limit_is_per_account() {
        useUpTheBurst();

        assertThat(chat.send(bob, alice, "my own tokens").text()).isEqualTo("my own tokens");
    }

    @Test
    void talking_to_oneself_is_refused_before_friendship_is_checked() {
        assertThatThrownBy(() -> chat.send(stranger, "stranger", "hi", null)).isInstanceOf(SelfConversation.class);
    }

    @Test
    void an_unknown_account_is_not_found_rather_than_not_a_friend() {
        assertThatThrownBy(() -> chat.send(alice, "nobody", "hi", null)).isInstanceOf(AccountNotFound.class);
    }
}
