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

    private final Algorithm hs256;
    private final Clock clock;

    public JwtTokenVerifier(String secret, Clock clock) {
        this.hs256 = Secrets.hs256(secret);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public VerifiedToken verify(String token) {
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
        requireNotExpired(claims.get("exp"), claims.get("nbf"));
        AccountId user = userId(claims.get("user_id"));
        JsonNode twoFactor = claims.get("two_factor_verified");
        return new VerifiedToken(user, twoFactor != null && twoFactor.isBoolean() && twoFactor.booleanValue());
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

    private void requireNotExpired(JsonNode exp, JsonNode nbf) {
        if (exp == null || exp.isNull()) {
            throw invalid("Token has no 'exp' claim.");
        }
        if (!exp.isNumber()) {
            throw invalid("Token 'exp' claim is not a number.");
        }
        double now = epochSeconds(clock.instant());
        // As SimpleJWT: expired once exp <= now, with no leeway.
        if (exp.doubleValue() <= now) {
            throw invalid("Token is expired.");
        }
        if (nbf != null && (!nbf.isNumber() || nbf.doubleValue() > now)) {
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
