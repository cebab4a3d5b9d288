package io.friendchat.adapter.token;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Builds tokens from raw JSON, signed however a forger likes. */
final class ForgedTokens {

    static final String HS256_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private ForgedTokens() {
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** header.payload signed with the HMAC of that Java name ("HmacSHA256", ...). */
    static String signed(String header, String payload, String secret, String hmac) {
        String signingInput = b64(header) + "." + b64(payload);
        return signingInput + "." + mac(signingInput, secret, hmac);
    }

    static String hs256(String payload, String secret) {
        return signed(HS256_HEADER, payload, secret, "HmacSHA256");
    }

    static String mac(String signingInput, String secret, String hmac) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), hmac));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
