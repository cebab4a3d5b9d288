package io.friendchat.adapter.rest.internal;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Jersey's own refusals (unknown path, wrong method, unreadable request) as error JSON. */
public final class JerseyExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Logger LOG = Logger.getLogger(JerseyExceptionMapper.class.getName());

    @Override
    public Response toResponse(WebApplicationException failure) {
        if (failure instanceof NotFoundException) {
            return ErrorResponses.of(404, "not_found", "There is nothing at this path: check the URL.");
        }
        if (failure instanceof NotAllowedException) {
            String allow = failure.getResponse().getHeaderString(HttpHeaders.ALLOW);
            return ErrorResponses.of(405, new ErrorBody("This path does not take that method.",
                    "method_not_allowed"), allow == null ? Map.of() : Map.of(HttpHeaders.ALLOW, allow));
        }
        int status = failure.getResponse().getStatus();
        return switch (status) {
            case 413 -> ErrorResponses.of(413, "payload_too_large", "The body is over 65,536 bytes: send a shorter one.");
            case 415 -> ErrorResponses.of(415, "unsupported_media_type", "This media type is not accepted here.");
            default -> {
                if (status >= 400 && status < 500) {
                    yield ErrorResponses.of(400, "invalid_request", "The request is malformed.");
                }
                LOG.log(Level.SEVERE, "unexpected failure while serving a request", failure);
                yield UnexpectedExceptionMapper.internalError();
            }
        };
    }
}
