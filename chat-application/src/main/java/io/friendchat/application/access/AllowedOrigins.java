package io.friendchat.application.access;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The web origins whose pages may call the API and open sockets (CORS and the
 * socket handshake). Empty means any origin. Handed to both driving adapters.
 */
public record AllowedOrigins(List<String> origins) {

    /**
     * The fixed text of {@code origin_not_allowed}, told the same by both adapters (a CORS
     * preflight and a socket handshake), so a page gets one answer for one cause.
     */
    public static final String REFUSAL =
            "This origin may not call the chat API; ask for it to be added to CHAT_ALLOWED_ORIGINS.";

    public AllowedOrigins {
        origins = origins.stream().map(AllowedOrigins::normalize).toList();
    }

    public static AllowedOrigins any() {
        return new AllowedOrigins(List.of());
    }

    /** Parses {@code CHAT_ALLOWED_ORIGINS}: a comma-separated list; blank or null means any. */
    public static AllowedOrigins parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return any();
        }
        return new AllowedOrigins(Arrays.stream(commaSeparated.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    public boolean allowsAny() {
        return origins.isEmpty();
    }

    public boolean allows(String origin) {
        Objects.requireNonNull(origin, "origin");
        return allowsAny() || origins.contains(normalize(origin));
    }

    /** Scheme and host are case-insensitive; a trailing slash is not part of an origin. */
    private static String normalize(String origin) {
        String trimmed = origin.trim();
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }
}
