package io.friendchat.adapter.rest.internal;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} as the original server read it, for bodies
 * and query strings alike: {@code +} is a space, {@code %XX} a byte, the bytes UTF-8.
 * A bad escape, bytes that are not UTF-8 or a name given twice are refused.
 */
final class FormDecoding {

    private FormDecoding() {
    }

    /** The pairs of the encoded text; {@code what} names it in errors ("The query", "The body"). */
    static Map<String, String> decode(byte[] encoded, String what) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int start = 0;
        while (start <= encoded.length) {
            int end = indexOf(encoded, (byte) '&', start);
            if (end > start) {
                int equals = indexOf(encoded, (byte) '=', start);
                int nameEnd = Math.min(equals, end);
                String name = component(encoded, start, nameEnd, what);
                String value = equals < end ? component(encoded, equals + 1, end, what) : "";
                if (pairs.put(name, value) != null) {
                    throw HttpFailure.invalidRequest(what + " gives '" + name + "' twice: give it once.");
                }
            }
            start = end + 1;
        }
        return pairs;
    }

    private static String component(byte[] encoded, int from, int to, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = encoded[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                int high = i + 2 < to ? Character.digit(encoded[i + 1], 16) : -1;
                int low = i + 2 < to ? Character.digit(encoded[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw HttpFailure.invalidRequest(what + " has a bad % escape.");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        return Utf8.decode(bytes.toByteArray(), what);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }
}
