package io.friendchat.adapter.rest;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.store.StoreUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.friendchat.adapter.rest.Reply.json;
import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md: "When several apply, the first in this order answers: 404/405, 401, 413,
 * 415, 400, the client_id replay, 429, 404 account_not_found, 400 (yourself), 403".
 */
class PrecedenceTest {

    ChatServer server;
    Http http;
    Account ayrei;
    Account ayrei1;
    Account stranger;
    String token;

    @BeforeEach
    void start() {
        server = ChatServer.with().rateLimit(1).start();
        http = new Http(server);
        ayrei = server.add(anAccount(1, "ayrei"));
        ayrei1 = server.add(anAccount(2, "ayrei1"));
        stranger = server.add(anAccount(3, "stranger"));
        server.befriend(ayrei, ayrei1);
        token = server.tokenFor(ayrei);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Reply send(String json) {
        return http.post("/chat/message/").token(token).json(json).send();
    }

    @Test
    void anUnknownPathComesBeforeTheToken() {
        http.get("/chat/unknown/").send().isError(404, "not_found");
        http.post("/chat/messages/").json("{}").send().isError(404, "not_found");
        http.get("/chat/conversation/extra").send().isError(404, "not_found");
        http.get("/").send().isError(404, "not_found");
    }

    @Test
    void aWrongMethodComesBeforeTheToken() {
        Reply reply = http.method("DELETE", "/chat/message/").send().isError(405, "method_not_allowed");
        assertThat(reply.header("Allow")).contains("POST");
        http.get("/chat/message/").send().isError(405, "method_not_allowed");
        http.post("/chat/conversation/").json("{}").send().isError(405, "method_not_allowed");
        http.method("PUT", "/chat/read").json("{}").send().isError(405, "method_not_allowed");
        http.post("/chat/list-conversation").json("{}").send().isError(405, "method_not_allowed");
    }

    @Test
    void theTokenComesBeforeSizeMediaTypeAndShape() {
        http.post("/chat/message/").body("text/plain", "a".repeat(70_000)).send().isError(401, "unauthorized");
        http.post("/chat/message/").body("text/plain", "x").send().isError(401, "unauthorized");
        http.post("/chat/message/").body("garbage", "x").send().isError(401, "unauthorized");
        http.post("/chat/message/").json("not json").send().isError(401, "unauthorized");
        http.get("/chat/conversation/?limit=0&limit=1").send().isError(401, "unauthorized");
        http.post("/chat/read/").body("text/plain", "x").send().isError(401, "unauthorized");
    }

    @Test
    void twoFactorComesBeforeTheBody() {
        Account guarded = server.add(anAccount(4, "guarded").withTwoFactor());
        http.post("/chat/message/").token(server.tokenFor(guarded)).body("text/plain", "x").send()
                .is(401, json("{'error': 'Two-factor authentication required.', 'code': 'two_factor_required',"
                        + " 'redirect': '/2fa/'}"));
    }

    @Test
    void aHundredGigabyteBodyWithoutTokenIsA401AtOnce() {
        Reply reply = http.raw(("POST /chat/message/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 107374182400\r\n\r\n{\"account\":").getBytes(StandardCharsets.US_ASCII),
                Duration.ofSeconds(5));

        reply.isError(401, "unauthorized");
    }

    @Test
    void sizeComesBeforeMediaType() {
        http.post("/chat/message/").token(token).body("text/plain", "a".repeat(65_537)).send()
                .isError(413, "payload_too_large");
        http.post("/chat/message/").token(token).body(null, "a".repeat(65_537)).send()
                .isError(413, "payload_too_large");
    }

    @Test
    void mediaTypeComesBeforeShape() {
        http.post("/chat/message/").token(token).body("text/plain", "not json").send()
                .isError(415, "unsupported_media_type");
        http.post("/chat/read/").token(token).body("application/x-www-form-urlencoded", "account=a&up_to=%zz").send()
                .isError(415, "unsupported_media_type");
    }

    @Test
    void shapeComesBeforeTheRateLimitAndUsesNoPermit() {
        for (int i = 0; i < 5; i++) {
            send("{\"account\": \"ayrei1\", \"message\": 7}").isError(400, "invalid_request");
            send("{\"account\": \"ayrei1\", \"message\": \" \"}").isError(400, "invalid_request");
        }
        send("{\"account\": \"ayrei1\", \"message\": \"1\"}").json();
        send("{\"account\": \"ayrei1\", \"message\": \"2\"}").json();
        send("{\"account\": \"ayrei1\", \"message\": \"3\"}").isError(429, "rate_limited");
    }

    @Test
    void theRateLimitAnswers429WithRetryAfterAndStoresNothing() {
        send("{\"account\": \"ayrei1\", \"message\": \"1\"}").json();
        send("{\"account\": \"ayrei1\", \"message\": \"2\"}").json();

        Reply limited = send("{\"account\": \"ayrei1\", \"message\": \"3\"}").isError(429, "rate_limited");

        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(server.messages.all()).hasSize(2);
        assertThat(server.notifier.deliveries()).hasSize(2);
        server.limiterNanos.addAndGet(Duration.ofSeconds(1).toNanos());
        send("{\"account\": \"ayrei1\", \"message\": \"3\"}").json();
        assertThat(server.messages.all()).hasSize(3);
    }

    @Test
    void theRateLimitIsPerAccount() {
        send("{\"account\": \"ayrei1\", \"message\": \"1\"}").json();
        send("{\"account\": \"ayrei1\", \"message\": \"2\"}").json();
        send("{\"account\": \"ayrei1\", \"message\": \"3\"}").isError(429, "rate_limited");

        http.post("/chat/message/").token(server.tokenFor(ayrei1)).json("{\"account\": \"ayrei\", \"message\": \"x\"}")
                .send().json();
    }

    @Test
    void aReplayComesBeforeTheRateLimit() {
        Reply first = send("{\"account\": \"ayrei1\", \"message\": \"1\", \"client_id\": \"c1\"}");
        send("{\"account\": \"ayrei1\", \"message\": \"2\"}").json();
        send("{\"account\": \"ayrei1\", \"message\": \"3\"}").isError(429, "rate_limited");

        send("{\"account\": \"ayrei1\", \"message\": \"1\", \"client_id\": \"c1\"}").is(200, first.json());
        send("{\"account\": \"ayrei1\", \"message\": \"1\", \"client_id\": \"c2\"}").isError(429, "rate_limited");
    }

    @Test
    void refusedSendsStillUseAPermit() {
        send("{\"account\": \"stranger\", \"message\": \"1\"}").isError(403, "not_friends");
        send("{\"account\": \"nobody\", \"message\": \"2\"}").isError(404, "account_not_found");

        send("{\"account\": \"ayrei1\", \"message\": \"3\"}").isError(429, "rate_limited");
    }

    @Test
    void theRateLimitComesBeforeTheAccountLookupAndFriendship() {
        send("{\"account\": \"ayrei1\", \"message\": \"1\"}").json();
        send("{\"account\": \"ayrei1\", \"message\": \"2\"}").json();

        send("{\"account\": \"nobody\", \"message\": \"x\"}").isError(429, "rate_limited");
        send("{\"account\": \"stranger\", \"message\": \"x\"}").isError(429, "rate_limited");
        send("{\"account\": \"ayrei\", \"message\": \"x\"}").isError(429, "rate_limited");
    }

    @Test
    void aBadMessageComesBeforeAnUnknownAccount() {
        send("{\"account\": \"nobody\", \"message\": \"\"}").isError(400, "invalid_request");
        send("{\"account\": \"nobody\", \"message\": 1}").isError(400, "invalid_request");
        http.get("/chat/conversation/?account=nobody&limit=0").token(token).send().isError(400, "invalid_request");
        http.post("/chat/read/").token(token).json("{\"account\": \"nobody\", \"up_to\": 0}").send()
                .isError(400, "invalid_request");
    }

    @Test
    void anUnknownAccountComesBeforeFriendship() {
        http.get("/chat/conversation/?account=nobody").token(server.tokenFor(stranger)).send()
                .isError(404, "account_not_found");
    }

    @Test
    void yourselfIsA400NotA403() {
        send("{\"account\": \"ayrei\", \"message\": \"me\"}").isError(400, "invalid_request");
        send("{\"account\": \"ayrei@example.com\", \"message\": \"me\"}").isError(400, "invalid_request");
        http.get("/chat/conversation/?account=ayrei").token(token).send().isError(400, "invalid_request");
        http.post("/chat/read/").token(token).json("{\"account\": \"ayrei\", \"up_to\": 1}").send()
                .isError(400, "invalid_request");
    }

    @Test
    void anUnreachableStoreIs503() {
        server.storeFailure.set(new StoreUnavailable("connection refused", new RuntimeException("jdbc")));

        send("{\"account\": \"ayrei1\", \"message\": \"1\"}").isError(503, "unavailable");
        http.get("/chat/conversation/?account=ayrei1").token(token).send().isError(503, "unavailable");
        http.get("/chat/list-conversation/").token(token).send().isError(503, "unavailable");
        http.post("/chat/read/").token(token).json("{\"account\": \"ayrei1\", \"up_to\": 1}").send()
                .isError(503, "unavailable");
    }

    @Test
    void theUnexpectedIsA500WithoutDetails() {
        server.storeFailure.set(new IllegalStateException("boom: secret internals"));

        Reply reply = http.get("/chat/list-conversation/").token(token).header("Accept", "text/html").send()
                .isError(500, "internal_error");

        assertThat(reply.body()).doesNotContain("boom").doesNotContain("Exception").doesNotContain("at io.");
        assertThat(reply.json()).isEqualTo(json(
                "{'error': 'Something went wrong on the server; it has been logged.', 'code': 'internal_error'}"));
    }
}
