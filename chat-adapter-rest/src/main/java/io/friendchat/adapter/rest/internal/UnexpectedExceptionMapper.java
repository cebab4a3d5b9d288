package io.friendchat.adapter.rest.internal;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Anything nobody expected: logged here with its trace, answered as a 500 JSON without one. */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        LOG.log(Level.SEVERE, "unexpected failure while serving a request", failure);
        return internalError();
    }

    static Response internalError() {
        return ErrorResponses.of(500, "internal_error", "Something went wrong on the server; it has been logged.");
    }
}
