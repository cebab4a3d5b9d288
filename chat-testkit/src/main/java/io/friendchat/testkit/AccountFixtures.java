package io.friendchat.testkit;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Username;
import io.friendchat.domain.directory.AccountDraft;

/** Test-data builders for accounts: {@code anAccount(1, "ayrei").withFullName("amu ferwe").build()}. */
public final class AccountFixtures {

    private AccountFixtures() {
    }

    public static Builder anAccount(long id, String username) {
        return new Builder(id, username);
    }

    /** Builds an account or the draft to create it. */
    public static final class Builder {
        private final long id;
        private final String username;
        private String email;
        private String fullName = "";
        private String picture;
        private boolean twoFactor;

        private Builder(long id, String username) {
            this.id = id;
            this.username = username;
            this.email = username + "@example.com";
        }

        public Builder withEmail(String email) {
            this.email = email;
            return this;
        }

        public Builder withFullName(String fullName) {
            this.fullName = fullName;
            return this;
        }

        public Builder withPicture(String picture) {
            this.picture = picture;
            return this;
        }

        public Builder withTwoFactor() {
            this.twoFactor = true;
            return this;
        }

        public Account build() {
            return new Account(AccountId.of(id), Username.of(username), email, fullName, picture, twoFactor);
        }

        public AccountDraft draft() {
            return new AccountDraft(id, username, email, fullName, picture, twoFactor);
        }
    }
}
