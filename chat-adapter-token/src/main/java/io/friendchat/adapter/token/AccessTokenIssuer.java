package io.friendchat.adapter.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Issues access tokens shaped as Django SimpleJWT's ({@code token_type}, {@code exp},
 * {@code iat}, {@code jti}, {@code user_id}): for the {@code token} command, demo mode and tests.
 */
public final class AccessTokenIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Algorithm hs256;
    private final Clock clock;

    public AccessTokenIssuer(String secret, Clock clock) {
        this.hs256 = Secrets.hs256(secret);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A signed access token for the user, valid for {@code ttl}; {@code two_factor_verified: true} only when asked. */
    public String issue(long userId, Duration ttl, boolean twoFactorVerified) {
        if (userId < 1) {
            throw new IllegalArgumentException("a user id is a positive integer");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token must live for a positive time");
        }
        Instant now = clock.instant();
        // Whole seconds, rounded down, as SimpleJWT writes them.
        JWTCreator.Builder token = JWT.create()
                .withClaim("token_type", "access")
                .withExpiresAt(now.plus(ttl).truncatedTo(ChronoUnit.SECONDS))
                .withIssuedAt(now.truncatedTo(ChronoUnit.SECONDS))
                .withJWTId(jti())
                .withClaim("user_id", userId);
        if (twoFactorVerified) {
            token.withClaim("two_factor_verified", true);
        }
        return token.sign(hs256);
    }

    private static String jti() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
