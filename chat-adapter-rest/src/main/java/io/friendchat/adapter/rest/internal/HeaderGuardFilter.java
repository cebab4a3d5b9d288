package io.friendchat.adapter.rest.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.List;

/**
 * Takes unparseable Content-Type and Accept headers out of Jersey's sight before
 * routing: Jersey would answer them with a bare 400 of its own, ahead of the token
 * check. A broken Content-Type is remembered, so the body is refused with a 415 in
 * its turn; a broken Accept is simply dropped, as every answer is JSON anyway.
 */
@PreMatching
@Priority(1)
public final class HeaderGuardFilter implements ContainerRequestFilter {

    static final String BROKEN_CONTENT_TYPE = "io.friendchat.rest.brokenContentType";

    @Override
    public void filter(ContainerRequestContext request) {
        MultivaluedMap<String, String> headers = request.getHeaders();
        if (!parses(headers.get(HttpHeaders.CONTENT_TYPE), false)) {
            headers.remove(HttpHeaders.CONTENT_TYPE);
            request.setProperty(BROKEN_CONTENT_TYPE, Boolean.TRUE);
        }
        if (!parses(headers.get(HttpHeaders.ACCEPT), true)) {
            headers.remove(HttpHeaders.ACCEPT);
        }
    }

    private static boolean parses(List<String> values, boolean list) {
        if (values == null || values.isEmpty()) {
            return true;
        }
        if (!list && values.size() > 1) {
            return false;
        }
        try {
            for (String value : values) {
                for (String type : list ? value.split(",", -1) : new String[] {value}) {
                    // Jersey answers a blank type ("Content-Type:" with no value, "Accept: ,") with its bare 400 too.
                    if (type.isBlank()) {
                        return false;
                    }
                    MediaType.valueOf(type.trim());
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
