package io.friendchat.domain.message;

import io.friendchat.domain.UnicodeText;

/** Checks on user text shared by the domain's values; the rules themselves live in {@link UnicodeText}. */
final class Text {

    private Text() {
    }

    /** True when a surrogate stands alone, which no UTF-8 encoder can write. */
    static boolean hasLoneSurrogate(String s) {
        return UnicodeText.hasLoneSurrogate(s);
    }

    static boolean hasNul(String s) {
        return UnicodeText.hasNul(s);
    }

    static boolean isBlank(String s) {
        return UnicodeText.isBlank(s);
    }
}
