package io.friendchat.adapter.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import io.friendchat.domain.access.InvalidToken;
import io.friendchat.domain.access.TokenVerifier;
import io.friendchat.domain.access.VerifiedToken;
import io.friendchat.domain.account.AccountId;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies access tokens as Django SimpleJWT issues them: HS256 with the shared
 * secret, {@code token_type} "access", an {@code exp} checked without leeway, and
 * a {@code user_id} that is a JSON integer from 1 to 2^63-1.
 */
public final class JwtTokenVerifier implements TokenVerifier {

    private static final String NOT_VALID = "Given token not valid for any token type: ";
    /** About 4 MB of tokens at most: far more clients than one node serves at once. */
    private static final int RECENT_TOKENS = 10_000;

    private final Algorithm hs256;
    private final Clock clock;
    private final RecentTokens recent = new RecentTokens(RECENT_TOKENS);

    public JwtTokenVerifier(String secret, Clock clock) {
        this.hs256 = Secrets.hs256(secret);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public VerifiedToken verify(String token) {
        RecentTokens.Verified seen = token == null ? null : recent.get(token);
        if (seen != null) {
            requireInTime(seen.expires(), seen.notBefore());
            return seen.token();
        }
        DecodedJWT jwt = decode(token);
        // Only HS256 is ever accepted: "none", other HMACs and any public-key alg are refused before the signature.
        if (!"HS256".equals(jwt.getAlgorithm())) {
            throw invalid("Token is not signed with HS256.");
        }
        try {
            hs256.verify(jwt);
        } catch (SignatureVerificationException e) {
            throw invalid("Token signature is invalid.");
        }
        JsonNode claims = Claims.parse(jwt.getPayload());
        if (claims == null) {
            throw invalid("Token is malformed.");
        }
        requireAccessType(claims.get("token_type"));
        double expires = expires(claims.get("exp"));
        double notBefore = notBefore(claims.get("nbf"));
        requireInTime(expires, notBefore);
        AccountId user = userId(claims.get("user_id"));
        JsonNode twoFactor = claims.get("two_factor_verified");
        VerifiedToken verified = new VerifiedToken(user,
                twoFactor != null && twoFactor.isBoolean() && twoFactor.booleanValue());
        recent.remember(token, new RecentTokens.Verified(verified, expires, notBefore));
        return verified;
    }

    private static DecodedJWT decode(String token) {
        if (token == null || token.isBlank()) {
            throw invalid("Token is missing.");
        }
        try {
            return JWT.decode(token);
        } catch (JWTDecodeException e) {
            throw invalid("Token is malformed.");
        }
    }

    private static void requireAccessType(JsonNode tokenType) {
        if (tokenType == null) {
            throw invalid("Token has no type.");
        }
        if (!tokenType.isTextual() || !"access".equals(tokenType.textValue())) {
            throw invalid("Token has wrong type.");
        }
    }

    private static double expires(JsonNode exp) {
        if (exp == null || exp.isNull()) {
            throw invalid("Token has no 'exp' claim.");
        }
        if (!exp.isNumber()) {
            throw invalid("Token 'exp' claim is not a number.");
        }
        return exp.doubleValue();
    }

    /** NaN when there is no {@code nbf}; +Infinity for one that is not a number, which is never valid. */
    private static double notBefore(JsonNode nbf) {
        if (nbf == null) {
            return Double.NaN;
        }
        return nbf.isNumber() ? nbf.doubleValue() : Double.POSITIVE_INFINITY;
    }

    private void requireInTime(double expires, double notBefore) {
        double now = epochSeconds(clock.instant());
        // As SimpleJWT: expired once exp <= now, with no leeway.
        if (expires <= now) {
            throw invalid("Token is expired.");
        }
        if (notBefore > now) {
            throw invalid("Token is not valid yet.");
        }
    }

    private static AccountId userId(JsonNode userId) {
        if (userId == null) {
            throw invalid("Token contained no recognizable user identification.");
        }
        if (!userId.isIntegralNumber() || !userId.canConvertToLong() || userId.longValue() < 1) {
            throw invalid("Token's 'user_id' is not an account id.");
        }
        return AccountId.of(userId.longValue());
    }

    private static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private static InvalidToken invalid(String reason) {
        return new InvalidToken(NOT_VALID + reason);
    }
}
