package io.friendchat.adapter.token;

import io.friendchat.domain.access.InvalidToken;
import io.friendchat.domain.access.VerifiedToken;
import io.friendchat.domain.account.AccountId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static io.friendchat.adapter.token.ForgedTokens.HS256_HEADER;
import static io.friendchat.adapter.token.ForgedTokens.b64;
import static io.friendchat.adapter.token.ForgedTokens.hs256;
import static io.friendchat.adapter.token.ForgedTokens.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtTokenVerifierTest {

    static final String SECRET = "a-shared-secret-of-the-login-service";
    static final long NOW = 1_727_539_131L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW, 500_000_000), ZoneOffset.UTC);

    final JwtTokenVerifier verifier = new JwtTokenVerifier(SECRET, CLOCK);

    static String payload(String userId, String extra) {
        return "{\"token_type\":\"access\",\"exp\":" + (NOW + 3600) + ",\"iat\":" + NOW
                + ",\"jti\":\"5fa3c1f1f13c4e818a6882f181e37cc9\",\"user_id\":" + userId + extra + "}";
    }

    @Test
    void acceptsATokenAsSimpleJwtIssuesIt() {
        VerifiedToken verified = verifier.verify(hs256(payload("7", ""), SECRET));

        assertThat(verified).isEqualTo(new VerifiedToken(AccountId.of(7), false));
    }

    @Test
    void acceptsTheTokenOfTheIssuer() {
        String token = new AccessTokenIssuer(SECRET, CLOCK).issue(42, Duration.ofMinutes(5), true);

        assertThat(verifier.verify(token)).isEqualTo(new VerifiedToken(AccountId.of(42), true));
    }

    @Test
    void iatAndJtiAreNotRequired() {
        String token = hs256("{\"token_type\":\"access\",\"exp\":" + (NOW + 60) + ",\"user_id\":3}", SECRET);

        assertThat(verifier.verify(token).accountId()).isEqualTo(AccountId.of(3));
    }

    @Test
    void twoFactorCountsOnlyForJsonTrue() {
        assertThat(verifier.verify(hs256(payload("7", ",\"two_factor_verified\":true"), SECRET))
                .twoFactorVerified()).isTrue();
        for (String notTrue : new String[] {"\"true\"", "1", "false", "null", "{}"}) {
            assertThat(verifier.verify(hs256(payload("7", ",\"two_factor_verified\":" + notTrue), SECRET))
                    .twoFactorVerified()).as(notTrue).isFalse();
        }
    }

    @Test
    void algNoneIsRefused() {
        String token = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payload("7", "")) + ".";

        assertInvalid(token);
    }

    @Test
    void otherHmacAlgorithmsWithTheRightSecretAreRefused() {
        assertInvalid(signed("{\"alg\":\"HS384\",\"typ\":\"JWT\"}", payload("7", ""), SECRET, "HmacSHA384"));
        assertInvalid(signed("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", payload("7", ""), SECRET, "HmacSHA512"));
    }

    @Test
    void aPublicKeyAlgorithmHeaderOverAnHmacSignatureIsRefused() {
        assertInvalid(signed("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", payload("7", ""), SECRET, "HmacSHA256"));
        assertInvalid(signed("{\"alg\":\"hs256\",\"typ\":\"JWT\"}", payload("7", ""), SECRET, "HmacSHA256"));
        assertInvalid(signed("{\"typ\":\"JWT\"}", payload("7", ""), SECRET, "HmacSHA256"));
    }

    @Test
    void anotherKeyIsRefused() {
        assertInvalid(hs256(payload("7", ""), "another-secret"));
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String genuine = hs256(payload("7", ""), SECRET);
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "." + b64(payload("8", "")) + "." + parts[2];

        assertInvalid(tampered);
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String genuine = hs256(payload("7", ""), SECRET);
        char last = genuine.charAt(genuine.length() - 5);
        String tampered = genuine.substring(0, genuine.length() - 5) + (last == 'A' ? 'B' : 'A')
                + genuine.substring(genuine.length() - 4);

        assertInvalid(tampered);
    }

    @Test
    void expiredTokensAreRefusedWithNoLeeway() {
        assertThat(verifier.verify(hs256(payloadWithExp(NOW + 1), SECRET)).accountId()).isEqualTo(AccountId.of(7));
        // The clock stands at NOW + 0.5 s: an exp of NOW is half a second past.
        assertInvalid(hs256(payloadWithExp(NOW), SECRET), "Token is expired.");
        assertInvalid(hs256(payloadWithExp(NOW - 3600), SECRET), "Token is expired.");
    }

    @Test
    void aTokenIsExpiredAtTheVerySecondOfItsExp() {
        JwtTokenVerifier atExp = new JwtTokenVerifier(SECRET, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

        assertThatThrownBy(() -> atExp.verify(hs256(payloadWithExp(NOW), SECRET))).isInstanceOf(InvalidToken.class);
    }

    @Test
    void aTokenWithoutExpIsRefused() {
        assertInvalid(hs256("{\"token_type\":\"access\",\"user_id\":7}", SECRET), "Token has no 'exp' claim.");
        assertInvalid(hs256("{\"token_type\":\"access\",\"exp\":null,\"user_id\":7}", SECRET));
    }

    @Test
    void refreshAndUntypedTokensAreRefused() {
        assertInvalid(hs256(payload("7", "").replace("\"access\"", "\"refresh\""), SECRET), "Token has wrong type.");
        assertInvalid(hs256(payload("7", "").replace("\"token_type\":\"access\",", ""), SECRET),
                "Token has no type.");
        assertInvalid(hs256(payload("7", "").replace("\"access\"", "[\"access\"]"), SECRET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"7\"", "1.5", "7.0", "0", "-7", "9223372036854775808", "1e3", "true", "null",
            "[7]", "{\"id\":7}"})
    void aUserIdThatIsNotAPositive64BitJsonIntegerIsRefused(String userId) {
        assertInvalid(hs256(payload(userId, ""), SECRET));
    }

    @Test
    void theLargestUserIdIsAccepted() {
        assertThat(verifier.verify(hs256(payload("9223372036854775807", ""), SECRET)).accountId())
                .isEqualTo(AccountId.of(Long.MAX_VALUE));
    }

    @Test
    void aTokenWithoutUserIdIsRefused() {
        assertInvalid(hs256("{\"token_type\":\"access\",\"exp\":" + (NOW + 60) + "}", SECRET));
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        assertInvalid(hs256(payload("7", ",\"nbf\":" + (NOW + 60)), SECRET), "Token is not valid yet.");
    }

    @Test
    void aTokenVerifiedBeforeIsStillRefusedOnceItExpires() {
        MovingClock clock = new MovingClock(Instant.ofEpochSecond(NOW));
        JwtTokenVerifier remembering = new JwtTokenVerifier(SECRET, clock);
        String token = hs256(payloadWithExp(NOW + 60), SECRET);
        assertThat(remembering.verify(token)).isEqualTo(new VerifiedToken(AccountId.of(7), false));
        assertThat(remembering.verify(token)).isEqualTo(new VerifiedToken(AccountId.of(7), false));

        clock.now = Instant.ofEpochSecond(NOW + 60);

        assertThatThrownBy(() -> remembering.verify(token)).isInstanceOf(InvalidToken.class)
                .hasMessage("Given token not valid for any token type: Token is expired.");
    }

    @Test
    void aTokenNotYetValidBecomesValidAtItsNbfAndOnlyThen() {
        MovingClock clock = new MovingClock(Instant.ofEpochSecond(NOW));
        JwtTokenVerifier remembering = new JwtTokenVerifier(SECRET, clock);
        String token = hs256(payload("7", ",\"nbf\":" + (NOW + 60)), SECRET);
        assertThatThrownBy(() -> remembering.verify(token)).hasMessageEndingWith("Token is not valid yet.");

        clock.now = Instant.ofEpochSecond(NOW + 60);
        assertThat(remembering.verify(token)).isEqualTo(new VerifiedToken(AccountId.of(7), false));

        clock.now = Instant.ofEpochSecond(NOW + 59);
        assertThatThrownBy(() -> remembering.verify(token)).hasMessageEndingWith("Token is not valid yet.");
    }

    @Test
    void aRememberedTokenAnswersForItselfOnly() {
        String verifiedTwice = hs256(payload("7", ",\"two_factor_verified\":true"), SECRET);
        String sameUserNoTwoFactor = hs256(payload("7", ""), SECRET);
        verifier.verify(verifiedTwice);

        assertThat(verifier.verify(verifiedTwice)).isEqualTo(new VerifiedToken(AccountId.of(7), true));
        assertThat(verifier.verify(sameUserNoTwoFactor)).isEqualTo(new VerifiedToken(AccountId.of(7), false));
        assertInvalid(verifiedTwice.substring(0, verifiedTwice.length() - 2) + "AA", "Token signature is invalid.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "a.b.c", "a.b", "...", "eyJhbGciOiJIUzI1NiJ9", "\u00e9.\u00e9.\u00e9"})
    void garbageIsRefused(String token) {
        assertInvalid(token);
    }

    @Test
    void aPayloadThatIsNotAnObjectIsRefused() {
        assertInvalid(signed(HS256_HEADER, "[1,2]", SECRET, "HmacSHA256"));
        assertInvalid(ForgedTokens.b64(HS256_HEADER) + "." + "!!!" + ".abc");
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> verifier.verify(null)).isInstanceOf(InvalidToken.class);
    }

    @Test
    void anEmptySecretIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new JwtTokenVerifier("", CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String payloadWithExp(long exp) {
        return "{\"token_type\":\"access\",\"exp\":" + exp + ",\"user_id\":7}";
    }

    private void assertInvalid(String token) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(InvalidToken.class)
                .hasMessageStartingWith("Given token not valid for any token type");
    }

    private void assertInvalid(String token, String reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(InvalidToken.class)
                .hasMessage("Given token not valid for any token type: " + reason);
    }

    /** A clock a test moves by hand. */
    private static final class MovingClock extends Clock {

        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
