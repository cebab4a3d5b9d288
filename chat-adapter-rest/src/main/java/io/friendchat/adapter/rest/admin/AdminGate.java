package io.friendchat.adapter.rest.admin;

import io.friendchat.adapter.rest.internal.Callers;
import io.friendchat.adapter.rest.internal.HttpFailure;
import io.friendchat.domain.access.InvalidToken;
import jakarta.ws.rs.core.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/** Lets through only calls bearing the admin token, compared in constant time. */
public final class AdminGate {

    private final byte[] expected;

    public AdminGate(String adminToken) {
        this.expected = digest(adminToken);
    }

    public void check(HttpHeaders headers) {
        String given;
        try {
            given = Callers.bearerToken(headers);
        } catch (InvalidToken e) {
            given = "";
        }
        // Digests have one length whatever was sent, so the comparison leaks neither content nor length.
        if (!MessageDigest.isEqual(expected, digest(given))) {
            throw new HttpFailure(401, "unauthorized", "The admin API needs 'Authorization: Bearer <CHAT_ADMIN_TOKEN>'.",
                    Map.of("WWW-Authenticate", "Bearer"));
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
