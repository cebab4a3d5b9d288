package io.friendchat.adapter.rest.internal;

import jakarta.ws.rs.core.Response;

import java.util.Map;

/** Builds the error answers: always JSON, with the headers the status calls for. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static Response of(int status, ErrorBody body, Map<String, String> headers) {
        Response.ResponseBuilder response = Response.fromResponse(Json.response(status, body));
        headers.forEach(response::header);
        return response.build();
    }

    static Response of(int status, String code, String message) {
        return Json.response(status, new ErrorBody(message, code));
    }
}
