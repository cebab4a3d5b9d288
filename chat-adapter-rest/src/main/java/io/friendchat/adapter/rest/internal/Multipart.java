package io.friendchat.adapter.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a {@code multipart/form-data} body (RFC 7578), read whole from memory:
 * bodies are at most 64 KiB here, so a small strict parser beats a streaming library.
 * File parts, a missing closing boundary, a field given twice or text that is not
 * UTF-8 are refused.
 */
final class Multipart {

    private static final byte[] CRLF = {'\r', '\n'};

    private Multipart() {
    }

    static Map<String, String> fields(byte[] body, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw malformed("its Content-Type has no valid boundary");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> fields = new LinkedHashMap<>();
        int at = firstDelimiter(body, delimiter) + delimiter.length;
        while (!startsWith(body, at, new byte[] {'-', '-'})) {
            Part part = part(body, at, delimiter);
            if (fields.put(part.name(), part.value()) != null) {
                throw HttpFailure.invalidRequest("The body gives '" + part.name() + "' twice: give it once.");
            }
            at = part.next();
        }
        return fields;
    }

    /** One field, and where the text after its closing delimiter starts. */
    private record Part(String name, String value, int next) {
    }

    /** The part that starts right after a delimiter at {@code at}: padding, CRLF, headers, blank line, value. */
    private static Part part(byte[] body, int at, byte[] delimiter) {
        int lineEnd = indexOf(body, CRLF, at);
        if (lineEnd < 0 || !isBlank(body, at, lineEnd)) {
            throw malformed("a boundary line is broken");
        }
        int line = lineEnd + 2;
        String name = null;
        for (int end = indexOf(body, CRLF, line); end != line; end = indexOf(body, CRLF, line)) {
            if (end < 0) {
                throw malformed("a part's headers never end");
            }
            String fieldName = fieldName(Utf8.decode(body, line, end, "A part header"));
            name = fieldName != null ? fieldName : name;
            line = end + 2;
        }
        if (name == null) {
            throw malformed("a part has no form-data name");
        }
        int valueStart = line + 2;
        int valueEnd = indexOf(body, concat(CRLF, delimiter), valueStart);
        if (valueEnd < 0) {
            throw malformed("it has no closing boundary");
        }
        return new Part(name, Utf8.decode(body, valueStart, valueEnd, "'" + name + "'"),
                valueEnd + 2 + delimiter.length);
    }

    /** The name of a Content-Disposition: form-data header, null for any other header; a file part is refused. */
    private static String fieldName(String header) {
        int colon = header.indexOf(':');
        if (colon < 0) {
            throw malformed("a part header has no colon");
        }
        if (!header.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        String[] parts = splitParams(header.substring(colon + 1));
        if (!parts[0].trim().equalsIgnoreCase("form-data")) {
            throw malformed("a part is not form-data");
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            int equals = param.indexOf('=');
            if (equals > 0) {
                params.put(param.substring(0, equals).trim().toLowerCase(Locale.ROOT),
                        unquote(param.substring(equals + 1).trim()));
            }
        }
        if (params.containsKey("filename") || params.containsKey("filename*")) {
            throw HttpFailure.invalidRequest("The body holds a file; send 'account' and 'message' as plain fields.");
        }
        String name = params.get("name");
        if (name == null || name.isEmpty()) {
            throw malformed("a part has no form-data name");
        }
        return name;
    }

    /** Splits on semicolons outside double quotes. */
    private static String[] splitParams(String value) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < value.length()) {
                current.append(c);
                c = value.charAt(++i);
            } else if (c == ';' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (quoted) {
            throw malformed("a part header has an unclosed quote");
        }
        parts.add(current.toString());
        return parts.toArray(String[]::new);
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            text.append(c);
        }
        return text.toString();
    }

    private static int firstDelimiter(byte[] body, byte[] delimiter) {
        if (startsWith(body, 0, delimiter)) {
            return 0;
        }
        int at = indexOf(body, concat(CRLF, delimiter), 0);
        if (at < 0) {
            throw malformed("it has no boundary");
        }
        return at + 2;
    }

    private static boolean isBlank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] != ' ' && body[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (at + prefix.length > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] wanted, int from) {
        for (int i = from; i + wanted.length <= body.length; i++) {
            if (startsWith(body, i, wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static HttpFailure malformed(String why) {
        return HttpFailure.invalidRequest("The multipart body is malformed: " + why + ".");
    }
}
