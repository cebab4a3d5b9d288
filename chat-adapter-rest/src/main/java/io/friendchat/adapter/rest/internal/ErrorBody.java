package io.friendchat.adapter.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Every error answer: a sentence a person can act on, a stable code, and the redirect of a two-factor 401. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String code, String redirect) {

    public ErrorBody(String error, String code) {
        this(error, code, null);
    }
}
