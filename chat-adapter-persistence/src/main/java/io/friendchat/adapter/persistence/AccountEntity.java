package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Username;
import io.friendchat.domain.directory.AccountChanges;
import io.friendchat.domain.directory.AccountDraft;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code accounts} in the built-in directory; ids are chosen by the host or the directory. */
@Entity(name = "Account")
@Table(name = "accounts")
class AccountEntity {

    @Id
    Long id;

    @Column(name = "username", nullable = false)
    String username;

    @Column(name = "email", nullable = false)
    String email;

    @Column(name = "email_key", nullable = false)
    String emailKey;

    @Column(name = "full_name", nullable = false)
    String fullName;

    @Column(name = "picture")
    String picture;

    @Column(name = "two_factor", nullable = false)
    boolean twoFactor;

    static AccountEntity from(long id, AccountDraft draft) {
        AccountEntity entity = new AccountEntity();
        entity.id = id;
        entity.username = draft.username();
        entity.setEmail(draft.email());
        entity.fullName = draft.fullName();
        entity.picture = draft.picture();
        entity.twoFactor = draft.twoFactor();
        return entity;
    }

    void apply(AccountChanges changes) {
        if (changes.email() != null) {
            setEmail(changes.email());
        }
        if (changes.fullName() != null) {
            fullName = changes.fullName();
        }
        if (changes.picture() != null) {
            picture = changes.picture();
        }
        if (changes.twoFactor() != null) {
            twoFactor = changes.twoFactor();
        }
    }

    Account toDomain() {
        return new Account(AccountId.of(id), Username.of(username), email, fullName, picture, twoFactor);
    }

    private void setEmail(String email) {
        this.email = email;
        this.emailKey = Account.emailKey(email);
    }
}
