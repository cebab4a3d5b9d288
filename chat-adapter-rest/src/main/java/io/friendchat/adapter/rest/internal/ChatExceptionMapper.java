package io.friendchat.adapter.rest.internal;

import io.friendchat.domain.ChatException;
import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.access.InvalidToken;
import io.friendchat.domain.access.TwoFactorRequired;
import io.friendchat.domain.account.AccountNotFound;
import io.friendchat.domain.directory.DirectoryConflict;
import io.friendchat.domain.friendship.NotFriends;
import io.friendchat.domain.friendship.SelfConversation;
import io.friendchat.domain.ratelimit.RateLimited;
import io.friendchat.domain.store.StoreUnavailable;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one place where the domain's failures become statuses and codes. */
public final class ChatExceptionMapper implements ExceptionMapper<ChatException> {

    private static final Logger LOG = Logger.getLogger(ChatExceptionMapper.class.getName());
    private static final Map<String, String> BEARER = Map.of("WWW-Authenticate", "Bearer");

    private final String twoFactorUrl;

    public ChatExceptionMapper(String twoFactorUrl) {
        this.twoFactorUrl = Objects.requireNonNull(twoFactorUrl);
    }

    @Override
    public Response toResponse(ChatException failure) {
        String message = failure.getMessage();
        if (failure instanceof InvalidInput || failure instanceof SelfConversation) {
            return ErrorResponses.of(400, "invalid_request", message);
        }
        if (failure instanceof InvalidToken) {
            return ErrorResponses.of(401, new ErrorBody(message, "unauthorized"), BEARER);
        }
        if (failure instanceof TwoFactorRequired) {
            return ErrorResponses.of(401, new ErrorBody(message, "two_factor_required", twoFactorUrl), BEARER);
        }
        if (failure instanceof NotFriends) {
            return ErrorResponses.of(403, "not_friends", message);
        }
        if (failure instanceof AccountNotFound) {
            return ErrorResponses.of(404, "account_not_found", message);
        }
        if (failure instanceof DirectoryConflict) {
            return ErrorResponses.of(409, "conflict", message);
        }
        if (failure instanceof RateLimited limited) {
            return ErrorResponses.of(429, new ErrorBody(message, "rate_limited"),
                    Map.of("Retry-After", Long.toString(limited.retryAfterSeconds())));
        }
        if (failure instanceof StoreUnavailable) {
            LOG.log(Level.WARNING, "the store is unavailable", failure.getCause());
            return ErrorResponses.of(503, "unavailable",
                    "The database cannot be reached: try again in a moment (a send with the same client_id is safe).");
        }
        LOG.log(Level.SEVERE, "a chat failure without an HTTP answer", failure);
        return UnexpectedExceptionMapper.internalError();
    }
}
