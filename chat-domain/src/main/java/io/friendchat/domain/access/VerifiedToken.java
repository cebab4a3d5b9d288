package io.friendchat.domain.access;

import io.friendchat.domain.account.AccountId;

/** What a valid access token says: whose it is, and whether its second factor was passed. */
public record VerifiedToken(AccountId accountId, boolean twoFactorVerified) {
}
