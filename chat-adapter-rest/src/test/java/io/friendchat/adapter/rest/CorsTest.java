package io.friendchat.adapter.rest;

import io.friendchat.domain.account.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

/** CORS as a browser meets it: preflights first, then the real request from the page's origin. */
class CorsTest {

    static final String APP = "https://app.example.com";

    ChatServer server;
    Http http;
    Account ayrei;
    Account ayrei1;

    @BeforeEach
    void start() {
        server = ChatServer.with().origins("https://app.example.com, http://localhost:5173").adminToken("admin-secret")
                .rateLimit(1).start();
        http = new Http(server);
        ayrei = server.add(anAccount(1, "ayrei"));
        ayrei1 = server.add(anAccount(2, "ayrei1"));
        server.befriend(ayrei, ayrei1);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Reply preflight(String path, String origin) {
        return http.method("OPTIONS", path).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").send();
    }

    static void assertNoCorsHeaders(Reply reply) {
        assertThat(reply.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }

    static void assertAllowed(Reply reply, String origin) {
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(reply.header("Access-Control-Expose-Headers")).isEqualTo("Retry-After, WWW-Authenticate");
        assertThat(reply.header("Vary")).contains("Origin");
        assertThat(reply.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void aPreflightFromAnAllowedOriginIs204WithoutToken() {
        for (String path : new String[] {"/chat/message/", "/chat/message", "/chat/conversation/",
                "/chat/list-conversation/", "/chat/read/", "/chat/not-a-path/", "/chat/"}) {
            Reply reply = preflight(path, APP);

            assertThat(reply.status()).as(path).isEqualTo(204);
            assertThat(reply.body()).isEmpty();
            assertAllowed(reply, APP);
            assertThat(reply.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, OPTIONS");
            assertThat(reply.header("Access-Control-Allow-Headers")).isEqualTo("Authorization, Content-Type");
            assertThat(reply.header("Access-Control-Max-Age")).isEqualTo("600");
        }
    }

    @Test
    void originsAreComparedWithoutCaseAndEchoedAsSent() {
        Reply reply = preflight("/chat/message/", "HTTP://LOCALHOST:5173");

        assertThat(reply.status()).isEqualTo(204);
        assertAllowed(reply, "HTTP://LOCALHOST:5173");
    }

    @Test
    void aPreflightFromAnotherOriginIs403WithoutCorsHeaders() {
        for (String origin : new String[] {"https://evil.example.com", "http://app.example.com", "null",
                "https://app.example.com:8443"}) {
            Reply reply = preflight("/chat/message/", origin).isError(403, "origin_not_allowed");
            assertNoCorsHeaders(reply);
        }
        assertNoCorsHeaders(preflight("/chat/unknown/", "https://evil.example.com").isError(403, "origin_not_allowed"));
    }

    @Test
    void theRealRequestCarriesTheHeadersOnSuccessAndOnErrors() {
        String token = server.tokenFor(ayrei);
        Reply ok = http.post("/chat/message/").header("Origin", APP).token(token)
                .json("{\"account\": \"ayrei1\", \"message\": \"x\"}").send();
        assertThat(ok.status()).isEqualTo(200);
        assertAllowed(ok, APP);

        assertAllowed(http.get("/chat/list-conversation/").header("Origin", APP).send().isError(401, "unauthorized"), APP);
        assertAllowed(http.get("/chat/nope/").header("Origin", APP).send().isError(404, "not_found"), APP);
        assertAllowed(http.method("DELETE", "/chat/read/").header("Origin", APP).send()
                .isError(405, "method_not_allowed"), APP);
        assertAllowed(http.post("/chat/message/").header("Origin", APP).token(token).body("text/plain", "x").send()
                .isError(415, "unsupported_media_type"), APP);
        http.post("/chat/message/").token(token).json("{\"account\": \"ayrei1\", \"message\": \"y\"}").send();
        Reply limited = http.post("/chat/message/").header("Origin", APP).token(token)
                .json("{\"account\": \"ayrei1\", \"message\": \"z\"}").send().isError(429, "rate_limited");
        assertAllowed(limited, APP);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void anotherOriginIsServedWithoutCorsHeaders() {
        Reply reply = http.get("/chat/list-conversation/").header("Origin", "https://evil.example.com")
                .token(server.tokenFor(ayrei)).send();

        assertThat(reply.status()).isEqualTo(200);
        assertNoCorsHeaders(reply);
        assertNoCorsHeaders(http.get("/chat/list-conversation/").header("Origin", "https://evil.example.com").send()
                .isError(401, "unauthorized"));
    }

    @Test
    void noOriginNoCorsHeaders() {
        assertNoCorsHeaders(http.get("/chat/list-conversation/").token(server.tokenFor(ayrei)).send());
    }

    @Test
    void anyOriginWhenTheListIsEmpty() {
        try (ChatServer open = ChatServer.start()) {
            Http client = new Http(open);
            Reply preflight = client.method("OPTIONS", "/chat/message/").header("Origin", "https://anywhere.example")
                    .header("Access-Control-Request-Method", "POST").send();
            assertThat(preflight.status()).isEqualTo(204);
            assertAllowed(preflight, "*");
            assertAllowed(client.get("/chat/list-conversation/").header("Origin", "https://anywhere.example").send()
                    .isError(401, "unauthorized"), "*");
        }
    }

    @Test
    void adminPathsNeverSendCorsHeaders() {
        assertNoCorsHeaders(http.get("/admin/accounts/ayrei/").header("Origin", APP)
                .header("Authorization", "Bearer admin-secret").send());
        assertNoCorsHeaders(http.get("/admin/accounts/ayrei/").header("Origin", APP).send().isError(401, "unauthorized"));
        Reply preflight = preflight("/admin/accounts/", APP);
        assertThat(preflight.status()).isNotEqualTo(500);
        assertNoCorsHeaders(preflight);
    }

    @Test
    void aPlainOptionsRequestIsNotAPreflight() {
        Reply reply = http.method("OPTIONS", "/chat/message/").send();

        assertThat(reply.status()).isIn(200, 204);
        assertThat(reply.header("Allow")).contains("POST");
    }
}
