package io.friendchat.testkit;

import io.friendchat.domain.access.InvalidToken;
import io.friendchat.domain.access.TokenVerifier;
import io.friendchat.domain.access.VerifiedToken;
import io.friendchat.domain.account.AccountId;

import java.util.concurrent.ConcurrentHashMap;

/** A token verifier that knows a fixed set of tokens: for tests that are not about token checks. */
public final class StaticTokens implements TokenVerifier {

    private final ConcurrentHashMap<String, VerifiedToken> tokens = new ConcurrentHashMap<>();

    /** Registers a token for the account and returns it. */
    public String issue(AccountId account, boolean twoFactorVerified) {
        String token = "token-" + account.value() + (twoFactorVerified ? "-2fa" : "");
        tokens.put(token, new VerifiedToken(account, twoFactorVerified));
        return token;
    }

    public String issue(AccountId account) {
        return issue(account, false);
    }

    @Override
    public VerifiedToken verify(String token) {
        VerifiedToken verified = tokens.get(token);
        if (verified == null) {
            throw new InvalidToken("Given token not valid for any token type");
        }
        return verified;
    }
}
