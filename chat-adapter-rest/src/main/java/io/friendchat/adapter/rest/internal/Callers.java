package io.friendchat.adapter.rest.internal;

import io.friendchat.application.access.AuthenticateCaller;
import io.friendchat.domain.access.InvalidToken;
import io.friendchat.domain.account.Account;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.List;
import java.util.Objects;

/** Finds who calls from the {@code Authorization: Bearer} header, through the AuthenticateCaller use case. */
public final class Callers {

    private final AuthenticateCaller authenticate;

    public Callers(AuthenticateCaller authenticate) {
        this.authenticate = Objects.requireNonNull(authenticate);
    }

    public Account authenticate(HttpHeaders headers) {
        return authenticate.authenticate(bearerToken(headers));
    }

    /** The token of the single {@code Authorization: Bearer <token>} header (scheme in any case). */
    public static String bearerToken(HttpHeaders headers) {
        List<String> values = headers.getRequestHeader(HttpHeaders.AUTHORIZATION);
        if (values == null || values.isEmpty()) {
            throw new InvalidToken("Authentication credentials were not provided.");
        }
        String[] parts = values.size() == 1 ? values.get(0).trim().split("[ \t]+") : new String[0];
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw new InvalidToken("The Authorization header must be 'Bearer <access token>'.");
        }
        return parts[1];
    }
}
