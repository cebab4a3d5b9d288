package io.friendchat.adapter.rest.internal;

import io.friendchat.adapter.rest.MalformedRequests;
import jakarta.ws.rs.core.UriInfo;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The query string, decoded as the original server did ({@code +} is a space) and
 * strictly: a bad escape, bytes that are not UTF-8 or a name given twice are a 400.
 */
public final class QueryParams {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /** The query of the request; also how a resource that reads none still refuses a malformed one. */
    public static QueryParams of(UriInfo uri) {
        String raw = uri.getRequestUri().getRawQuery();
        Map<String, String> values = raw == null
                ? Map.of()
                : FormDecoding.decode(raw.getBytes(StandardCharsets.UTF_8), "The query");
        if (values.containsKey(MalformedRequests.MALFORMED_QUERY_NAME)) {
            throw HttpFailure.invalidRequest("The query has a bad % escape.");
        }
        return new QueryParams(values);
    }

    /** The value, or null when the parameter is absent. */
    public String text(String name) {
        return values.get(name);
    }

    /**
     * The value as a whole number written in digits, or null when absent; a number
     * past 2^63-1 counts as 2^63-1 (no id is larger). Anything else is a 400.
     */
    public Long wholeNumber(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > 1000 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw HttpFailure.invalidRequest("'" + name + "' must be a whole number.");
        }
        return new BigInteger(value).min(LONG_MAX).longValueExact();
    }
}
