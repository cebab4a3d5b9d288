package io.friendchat.domain.access;

/** Checks an access token's signature and claims. */
public interface TokenVerifier {

    /** The claims of a valid access token; throws {@link InvalidToken} saying why not. */
    VerifiedToken verify(String token);
}
