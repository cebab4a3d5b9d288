package io.friendchat.adapter.rest.admin;

import io.friendchat.adapter.rest.internal.HttpFailure;
import io.friendchat.adapter.rest.internal.JsonFields;
import io.friendchat.domain.directory.AccountChanges;
import io.friendchat.domain.directory.AccountDraft;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Reads the admin API's account bodies, their JSON types checked; the domain checks the rest. */
final class AccountFields {

    private static final int MAX_URL = 2048;

    private AccountFields() {
    }

    static AccountDraft draft(JsonFields body) {
        Long id = body.integer("id").map(AccountFields::positiveId).orElse(null);
        return new AccountDraft(id, body.text("username").orElse(null), email(body.text("email").orElse(null)),
                body.text("full_name").orElse(null), picture(body), body.bool("two_factor").orElse(false));
    }

    static AccountChanges changes(JsonFields body) {
        if (body.isNull("picture")) {
            // The directory keeps an unchanged field as null, so a picture cannot be taken away here.
            throw HttpFailure.invalidRequest("'picture' cannot be removed: give the URL of another picture.");
        }
        return new AccountChanges(email(body.text("email").orElse(null)), body.text("full_name").orElse(null),
                picture(body), body.bool("two_factor").orElse(null));
    }

    private static long positiveId(BigInteger id) {
        if (id.signum() <= 0 || id.bitLength() > 63) {
            throw HttpFailure.invalidRequest("'id' must be a whole number from 1 to 9223372036854775807.");
        }
        return id.longValueExact();
    }

    /** Null stays null (absent); otherwise something@somewhere without spaces. */
    private static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at < 1 || at == email.length() - 1
                || email.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw HttpFailure.invalidRequest("'email' must be an email address.");
        }
        return email;
    }

    /** An absolute http(s) URL, or null when absent or given as JSON null (no picture). */
    private static String picture(JsonFields body) {
        if (body.isNull("picture")) {
            return null;
        }
        String picture = body.text("picture").orElse(null);
        if (picture == null) {
            return null;
        }
        try {
            URI uri = new URI(picture);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (picture.length() <= MAX_URL && (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null) {
                return picture;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw HttpFailure.invalidRequest("'picture' must be an http or https URL.");
    }
}
