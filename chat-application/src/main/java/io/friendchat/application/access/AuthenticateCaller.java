package io.friendchat.application.access;

import io.friendchat.domain.access.InvalidToken;
import io.friendchat.domain.access.TokenVerifier;
import io.friendchat.domain.access.TwoFactorRequired;
import io.friendchat.domain.access.VerifiedToken;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.Accounts;

import java.util.Objects;

/** Turns an access token into the calling account, behind the two-factor gate. */
public final class AuthenticateCaller {

    private final TokenVerifier tokens;
    private final Accounts accounts;

    public AuthenticateCaller(TokenVerifier tokens, Accounts accounts) {
        this.tokens = Objects.requireNonNull(tokens);
        this.accounts = Objects.requireNonNull(accounts);
    }

    /**
     * The account the token belongs to.
     *
     * @throws InvalidToken      when the token is missing, invalid, or names no account
     * @throws TwoFactorRequired when the account has two-factor on and the token has not passed it
     */
    public Account authenticate(String token) {
        if (token == null || token.isEmpty()) {
            throw new InvalidToken("Authentication credentials were not provided.");
        }
        VerifiedToken verified = tokens.verify(token);
        Account account = accounts.byId(verified.accountId())
                .orElseThrow(() -> new InvalidToken("The token's user does not exist."));
        if (account.twoFactor() && !verified.twoFactorVerified()) {
            throw new TwoFactorRequired();
        }
        return account;
    }
}
