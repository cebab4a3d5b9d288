package io.friendchat.bench.jmh;

import io.friendchat.adapter.token.AccessTokenIssuer;
import io.friendchat.adapter.token.JwtTokenVerifier;
import io.friendchat.domain.access.VerifiedToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Duration;

/**
 * What every REST call and handshake pays first: checking an HS256 access token (java-jwt).
 * A token is verified in full the first time a verifier sees it; later, only its times are checked.
 */
@State(Scope.Benchmark)
public class TokenVerificationBench {

    private static final String SECRET = "a-jmh-secret-of-at-least-thirty-two-bytes";

    private JwtTokenVerifier verifier;
    private String token;

    @Setup
    public void setUp() {
        verifier = new JwtTokenVerifier(SECRET, Clock.systemUTC());
        token = new AccessTokenIssuer(SECRET, Clock.systemUTC()).issue(42, Duration.ofHours(1), false);
    }

    /** The full check: a verifier that has not seen the token (a new one each time, which is cheap). */
    @Benchmark
    public VerifiedToken verifyANewToken() {
        return new JwtTokenVerifier(SECRET, Clock.systemUTC()).verify(token);
    }

    /** A client's every later request. */
    @Benchmark
    public VerifiedToken verifyARememberedToken() {
        return verifier.verify(token);
    }
}
