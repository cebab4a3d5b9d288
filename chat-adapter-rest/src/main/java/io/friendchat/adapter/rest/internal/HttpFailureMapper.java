package io.friendchat.adapter.rest.internal;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Answers the HTTP layer's own refusals (size, media type, body and query shape, admin token). */
public final class HttpFailureMapper implements ExceptionMapper<HttpFailure> {

    @Override
    public Response toResponse(HttpFailure failure) {
        return ErrorResponses.of(failure.status(), new ErrorBody(failure.getMessage(), failure.code()),
                failure.headers());
    }
}
