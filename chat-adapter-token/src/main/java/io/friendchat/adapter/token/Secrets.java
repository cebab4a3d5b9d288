package io.friendchat.adapter.token;

import com.auth0.jwt.algorithms.Algorithm;

/** The HS256 algorithm over the shared secret, refusing an empty secret. */
final class Secrets {

    private Secrets() {
    }

    static Algorithm hs256(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the JWT secret must not be empty");
        }
        return Algorithm.HMAC256(secret);
    }
}
