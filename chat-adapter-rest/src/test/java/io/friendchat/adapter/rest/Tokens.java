package io.friendchat.adapter.rest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Hand-made JWTs for the forged-token cases: any header, any payload, any key. */
final class Tokens {

    static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private Tokens() {
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String signed(String header, String payload, String secret) {
        String input = b64(header) + "." + b64(payload);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SimpleJWT-shaped payload for the user, expiring an hour after the test clock's start. */
    static String payload(String userId, String extra) {
        long now = 1_727_534_487L;
        return "{\"token_type\":\"access\",\"exp\":" + (now + 3600) + ",\"iat\":" + now
                + ",\"jti\":\"5fa3c1f1f13c4e818a6882f181e37cc9\",\"user_id\":" + userId + extra + "}";
    }
}
