package io.friendchat.adapter.websocket;

import io.friendchat.domain.InvalidInput;
import io.friendchat.domain.access.InvalidToken;
import io.friendchat.domain.live.EventKind;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a client asked for in its handshake: its access token ({@code ?token=} or an
 * {@code Authorization: Bearer} header), the event kinds it opts into ({@code events=})
 * and where its catch-up starts ({@code after=}).
 */
final class ConnectRequest {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final Set<EventKind> OPT_IN = EnumSet.of(EventKind.PRESENCE, EventKind.TYPING, EventKind.READ);

    private final Map<String, List<String>> parameters;
    private final Map<String, List<String>> headers;

    ConnectRequest(Map<String, List<String>> parameters, Map<String, List<String>> headers) {
        this.parameters = parameters == null ? Map.of() : parameters;
        this.headers = headers == null ? Map.of() : headers;
    }

    /** The token, or null when none was given (the core then says credentials were not provided). */
    String token() {
        List<String> query = parameters.get("token");
        if (query != null && !query.isEmpty()) {
            if (query.size() > 1) {
                throw new InvalidToken("Give the token once.");
            }
            return query.get(0);
        }
        List<String> authorization = headers.get("Authorization");
        if (authorization == null || authorization.size() != 1) {
            return null;
        }
        String value = authorization.get(0).trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        return value.substring(space + 1).trim();
    }

    /** The opt-in kinds named in {@code events}, exactly as written; unknown names are ignored. */
    Set<EventKind> kinds() {
        Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        for (String value : parameters.getOrDefault("events", List.of())) {
            for (String name : value.split(",")) {
                for (EventKind kind : OPT_IN) {
                    if (kind.name().equals(name.trim())) {
                        kinds.add(kind);
                    }
                }
            }
        }
        return kinds;
    }

    /** The id to catch up after, empty when no catch-up was asked. */
    OptionalLong after() {
        List<String> values = parameters.get("after");
        if (values == null || values.isEmpty()) {
            return OptionalLong.empty();
        }
        if (values.size() == 1 && DIGITS.matcher(values.get(0)).matches()) {
            try {
                return OptionalLong.of(Long.parseLong(values.get(0)));
            } catch (NumberFormatException tooBig) {
                // falls through to the refusal
            }
        }
        throw new InvalidInput("'after' must be a message id: an integer of at least 0.");
    }
}
