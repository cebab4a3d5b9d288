package io.friendchat.domain;

/** Checks on user text shared by the domain's values (messages, client ids, account handles). */
public final class UnicodeText {

    private UnicodeText() {
    }

    /** True when a surrogate stands alone, which no UTF-8 encoder can write. */
    public static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the text holds U+0000. PostgreSQL's text cannot store it and refuses any
     * statement that carries it, so the domain keeps it from every database alike.
     */
    public static boolean hasNul(String s) {
        return s.indexOf('\u0000') >= 0;
    }

    /** True when the text is empty or made only of Unicode White_Space characters. */
    public static boolean isBlank(String s) {
        return s.codePoints().allMatch(UnicodeText::isWhiteSpace);
    }

    /** Unicode's White_Space property: Java's isWhitespace leaves out U+00A0, U+2007, U+202F and U+0085. */
    static boolean isWhiteSpace(int cp) {
        return (cp >= 0x0009 && cp <= 0x000D) || cp == 0x0020 || cp == 0x0085 || cp == 0x00A0
                || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }
}
