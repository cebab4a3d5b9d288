package io.friendchat.application.directory;

import io.friendchat.application.ChatPorts;
import io.friendchat.application.ChatSettings;
import io.friendchat.application.ChatUseCases;
import io.friendchat.application.fixtures.TestChat;
import io.friendchat.application.local.LocalPresence;
import io.friendchat.application.local.LocalTypingThrottle;
import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountNotFound;
import io.friendchat.domain.directory.AccountChanges;
import io.friendchat.domain.directory.DirectoryConflict;
import io.friendchat.domain.ratelimit.RateLimiter;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin side: accounts and friendships of the built-in directory. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ManageDirectoryTest {

    private final TestChat chat = TestChat.aChat();
    private final ManageAccounts accounts = chat.useCases.manageAccounts().orElseThrow();
    private final ManageFriendships friendships = chat.useCases.manageFriendships().orElseThrow();

    @Test
    void a_created_account_can_be_found_by_username() {
        Account created = accounts.create(anAccount(7, "ayrei").withFullName("amu ferwe").draft());

        assertThat(accounts.find("ayrei")).contains(created);
        assertThat(accounts.find("Ayrei")).isEmpty();
        assertThat(accounts.find("")).isEmpty();
        assertThat(accounts.find(null)).isEmpty();
    }

    @Test
    void a_taken_email_in_another_case_is_a_conflict() {
        accounts.create(anAccount(1, "ann").withEmail("ann@example.com").draft());

        assertThatThrownBy(() -> accounts.create(anAccount(2, "ann2").withEmail("ANN@example.com").draft()))
                .isInstanceOf(DirectoryConflict.class);
    }

    @Test
    void an_update_changes_only_the_fields_given() {
        accounts.create(anAccount(1, "ann").withFullName("Ann").draft());

        Account updated = accounts.update("ann", new AccountChanges(null, null, "http://p/ann.jpg", true))
                .orElseThrow();

        assertThat(updated.fullName()).isEqualTo("Ann");
        assertThat(updated.picture()).isEqualTo("http://p/ann.jpg");
        assertThat(updated.twoFactor()).isTrue();
        assertThat(accounts.update("nobody", new AccountChanges(null, "x", null, null))).isEmpty();
    }

    @Test
    void two_accounts_befriended_by_username_can_talk_and_unfriended_cannot() {
        Account ann = accounts.create(anAccount(1, "ann").draft());
        Account ben = accounts.create(anAccount(2, "ben").draft());

        friendships.befriend("ann", "ben");
        friendships.befriend("ben", "ann");
        assertThat(chat.directory.areFriends(ann.id(), ben.id())).isTrue();

        friendships.unfriend("ben", "ann");
        friendships.unfriend("ben", "ann");
        assertThat(chat.directory.areFriends(ann.id(), ben.id())).isFalse();
    }

    @Test
    void a_friendship_needs_two_different_named_accounts() {
        accounts.create(anAccount(1, "ann").draft());

        assertThatThrownBy(() -> friendships.befriend("ann", "ann")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> friendships.befriend("ann", "")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> friendships.befriend(null, "ann")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> friendships.unfriend("ann", "nobody")).isInstanceOf(AccountNotFound.class);
    }

    @Test
    void a_host_without_a_directory_gets_no_admin_use_cases() {
        ChatUseCases hosted = ChatUseCases.over(new ChatPorts(chat.directory, chat.directory, chat.messages,
                chat.notifier, new LocalPresence(), RateLimiter.unlimited(), new LocalTypingThrottle(), chat.tokens,
                chat.clock, null), ChatSettings.defaults());

        assertThat(hosted.manageAccounts()).isEmpty();
        assertThat(hosted.manageFriendships()).isEmpty();
    }
}
