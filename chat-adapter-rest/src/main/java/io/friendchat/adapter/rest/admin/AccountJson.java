package io.friendchat.adapter.rest.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.friendchat.domain.account.Account;

/** An account of the built-in directory as the admin API shows it ({@code picture} null when it has none). */
@JsonPropertyOrder({"id", "username", "email", "full_name", "picture", "two_factor"})
record AccountJson(long id, String username, String email, @JsonProperty("full_name") String fullName,
                   String picture, @JsonProperty("two_factor") boolean twoFactor) {

    static AccountJson of(Account account) {
        return new AccountJson(account.id().value(), account.username().value(), account.email(),
                account.fullName(), account.picture(), account.twoFactor());
    }
}
