package io.friendchat.adapter.rest.internal;

import java.util.Map;

/**
 * A request refused by the HTTP layer itself (size, media type, body or query shape,
 * admin token), before or beside the use cases; answered as an error JSON.
 */
public final class HttpFailure extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public HttpFailure(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public static HttpFailure invalidRequest(String message) {
        return new HttpFailure(400, "invalid_request", message, Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
