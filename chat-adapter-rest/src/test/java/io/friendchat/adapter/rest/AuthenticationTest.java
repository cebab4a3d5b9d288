package io.friendchat.adapter.rest;

import io.friendchat.domain.account.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.friendchat.adapter.rest.Reply.json;
import static io.friendchat.adapter.rest.Tokens.HS256;
import static io.friendchat.adapter.rest.Tokens.b64;
import static io.friendchat.adapter.rest.Tokens.payload;
import static io.friendchat.adapter.rest.Tokens.signed;
import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTest {

    static final String SECRET = ChatServer.SECRET;

    ChatServer server;
    Http http;
    Account ayrei;
    Account guarded;

    @BeforeEach
    void start() {
        server = ChatServer.start();
        http = new Http(server);
        ayrei = server.add(anAccount(1, "ayrei"));
        Account ayrei1 = server.add(anAccount(2, "ayrei1"));
        guarded = server.add(anAccount(4, "guarded").withTwoFactor());
        server.befriend(ayrei, ayrei1);
        server.befriend(guarded, ayrei1);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Every /chat/ endpoint, called with the given Authorization header value (null: none). */
    List<Reply> callEverything(String authorization) {
        Function<Http.Call, Reply> send = call -> (authorization == null ? call
                : call.header("Authorization", authorization)).send();
        return List.of(
                send.apply(http.get("/chat/conversation/?account=ayrei1")),
                send.apply(http.post("/chat/message/").json("{\"account\":\"ayrei1\",\"message\":\"x\"}")),
                send.apply(http.get("/chat/list-conversation/")),
                send.apply(http.post("/chat/read/").json("{\"account\":\"ayrei1\",\"up_to\":1}")));
    }

    static Stream<String> refusedHeaders() {
        String userId7 = payload("1", "");
        return Stream.of(
                "Basic YXlyZWk6cGFzcw==",
                "Bearer",
                "Bearer ",
                "Bearer a b",
                "Token " + signed(HS256, userId7, SECRET),
                "JWT " + signed(HS256, userId7, SECRET),
                "Bearer garbage",
                "Bearer a.b.c",
                "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(userId7) + ".",
                "Bearer " + signed("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", userId7, SECRET),
                "Bearer " + signed(HS256, userId7, "another key"),
                "Bearer " + tampered(signed(HS256, userId7, SECRET)),
                "Bearer " + signed(HS256, userId7.replace("\"access\"", "\"refresh\""), SECRET),
                "Bearer " + signed(HS256, "{\"token_type\":\"access\",\"user_id\":1}", SECRET),
                "Bearer " + signed(HS256, "{\"token_type\":\"access\",\"exp\":1727534487,\"user_id\":1}", SECRET),
                "Bearer " + signed(HS256, payload("\"1\"", ""), SECRET),
                "Bearer " + signed(HS256, payload("1.5", ""), SECRET),
                "Bearer " + signed(HS256, payload("1.0", ""), SECRET),
                "Bearer " + signed(HS256, payload("0", ""), SECRET),
                "Bearer " + signed(HS256, payload("-1", ""), SECRET),
                "Bearer " + signed(HS256, payload("9223372036854775808", ""), SECRET),
                "Bearer " + signed(HS256, payload("99", ""), SECRET));
    }

    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + b64(payload("2", "")) + "." + parts[2];
    }

    @ParameterizedTest
    @MethodSource("refusedHeaders")
    void everyEndpointRefusesWithA401(String authorization) {
        for (Reply reply : callEverything(authorization)) {
            reply.isError(401, "unauthorized");
            assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
            String token = authorization.substring(authorization.indexOf(' ') + 1);
            if (token.length() > 8) {
                assertThat(reply.body()).doesNotContain(token);
            }
        }
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void noHeaderIsA401() {
        for (Reply reply : callEverything(null)) {
            reply.isError(401, "unauthorized");
            assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @Test
    void theSchemeWordIgnoresCase() {
        String token = server.tokenFor(ayrei);
        for (String scheme : new String[] {"Bearer", "bearer", "BEARER", "bEaReR"}) {
            assertThat(callEverything(scheme + " " + token)).extracting(Reply::status)
                    .as(scheme).containsExactly(200, 200, 200, 200);
        }
    }

    @Test
    void aForgedTokenOfTheRightShapeIsAccepted() {
        assertThat(callEverything("Bearer " + signed(HS256, payload("1", ""), SECRET)))
                .extracting(Reply::status).containsExactly(200, 200, 200, 200);
    }

    @Test
    void aTokenExpiresWithNoLeeway() {
        String token = server.issuer.issue(ayrei.id().value(), Duration.ofSeconds(60), false);
        server.clock.advance(Duration.ofSeconds(59));
        assertThat(callEverything("Bearer " + token)).extracting(Reply::status).containsOnly(200);

        server.clock.advance(Duration.ofSeconds(1));
        callEverything("Bearer " + token).forEach(reply -> reply.isError(401, "unauthorized"));
    }

    @Test
    void twoFactorAccountsNeedAVerifiedToken() {
        String unverified = server.tokenFor(guarded);
        String stringTrue = signed(HS256, payload("4", ",\"two_factor_verified\":\"true\""), SECRET);
        for (String token : new String[] {unverified, stringTrue}) {
            for (Reply reply : callEverything("Bearer " + token)) {
                reply.is(401, json("{'error': 'Two-factor authentication required.', 'code': 'two_factor_required',"
                        + " 'redirect': '/2fa/'}"));
                assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
            }
        }
        assertThat(callEverything("Bearer " + server.twoFactorTokenFor(guarded))).extracting(Reply::status)
                .containsExactly(200, 200, 200, 200);
    }

    @Test
    void twoHeadersAreRefused() {
        String token = server.tokenFor(ayrei);
        Reply reply = http.raw("GET /chat/list-conversation/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");

        reply.isError(401, "unauthorized");
    }

    @Test
    void theErrorSaysWhy() {
        Reply reply = http.get("/chat/list-conversation/").send();

        assertThat(reply.json()).isEqualTo(json(
                "{'error': 'Authentication credentials were not provided.', 'code': 'unauthorized'}"));
        assertThat(Map.of("expired", http.get("/chat/list-conversation/")
                .token(signed(HS256, "{\"token_type\":\"access\",\"exp\":1,\"user_id\":1}", SECRET)).send()
                .json().get("error").textValue())).containsValue("Given token not valid for any token type: Token is expired.");
    }
}
