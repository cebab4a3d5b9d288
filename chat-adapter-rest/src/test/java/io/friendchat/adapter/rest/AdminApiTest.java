package io.friendchat.adapter.rest;

import io.friendchat.domain.account.AccountId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.friendchat.adapter.rest.Reply.json;
import static org.assertj.core.api.Assertions.assertThat;

class AdminApiTest {

    static final String ADMIN = "s3cret-admin-token";

    ChatServer server;
    Http http;

    @BeforeEach
    void start() {
        server = ChatServer.with().adminToken(ADMIN).start();
        http = new Http(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Reply create(String json) {
        return http.post("/admin/accounts/").token(ADMIN).json(json).send();
    }

    @Test
    void createsAnAccountWithItsOwnId() {
        create("{\"id\": 42, \"username\": \"ayrei\", \"email\": \"ayrei@example.com\", \"full_name\": \"amu ferwe\","
                + " \"picture\": \"https://cdn.example.com/a.jpg\", \"two_factor\": true}")
                .is(201, json("{'id': 42, 'username': 'ayrei', 'email': 'ayrei@example.com', 'full_name': 'amu ferwe',"
                        + " 'picture': 'https://cdn.example.com/a.jpg', 'two_factor': true}"));

        assertThat(server.directory.byId(AccountId.of(42))).isPresent();
    }

    @Test
    void createsAnAccountWithDefaultsAndAGeneratedIdAboveAll() {
        create("{\"id\": 42, \"username\": \"first\", \"email\": \"first@example.com\"}").json();

        create("{\"username\": \"ayr.e+i-_@\u00e9\", \"email\": \"x@example.com\"}")
                .is(201, json("{'id': 43, 'username': 'ayr.e+i-_@\u00e9', 'email': 'x@example.com', 'full_name': '',"
                        + " 'picture': null, 'two_factor': false}"));
        create("{\"username\": \"nopic\", \"email\": \"n@example.com\", \"picture\": null}").json();
        http.post("/admin/accounts").token(ADMIN).json("{\"username\": \"noslash\", \"email\": \"s@example.com\"}")
                .send().json();
    }

    @Test
    void aTakenIdUsernameOrEmailIsAConflict() {
        create("{\"id\": 7, \"username\": \"ayrei\", \"email\": \"Ayrei@Example.com\"}").json();

        create("{\"id\": 7, \"username\": \"other\", \"email\": \"other@example.com\"}").isError(409, "conflict");
        create("{\"username\": \"ayrei\", \"email\": \"other@example.com\"}").isError(409, "conflict");
        create("{\"username\": \"other\", \"email\": \"AYREI@example.COM\"}").isError(409, "conflict");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"email\": \"a@example.com\"}",
            "{\"username\": \"a\"}",
            "{\"username\": \"\", \"email\": \"a@example.com\"}",
            "{\"username\": \"has space\", \"email\": \"a@example.com\"}",
            "{\"username\": \"slash/no\", \"email\": \"a@example.com\"}",
            "{\"username\": 7, \"email\": \"a@example.com\"}",
            "{\"username\": \"a\", \"email\": 7}",
            "{\"username\": \"a\", \"email\": \"not-an-email\"}",
            "{\"username\": \"a\", \"email\": \"\"}",
            "{\"username\": \"a\", \"email\": \"a @example.com\"}",
            "{\"id\": 0, \"username\": \"a\", \"email\": \"a@example.com\"}",
            "{\"id\": -4, \"username\": \"a\", \"email\": \"a@example.com\"}",
            "{\"id\": \"7\", \"username\": \"a\", \"email\": \"a@example.com\"}",
            "{\"id\": 7.5, \"username\": \"a\", \"email\": \"a@example.com\"}",
            "{\"id\": null, \"username\": \"a\", \"email\": \"a@example.com\"}",
            "{\"id\": 9223372036854775808, \"username\": \"a\", \"email\": \"a@example.com\"}",
            "{\"username\": \"a\", \"email\": \"a@example.com\", \"full_name\": 3}",
            "{\"username\": \"a\", \"email\": \"a@example.com\", \"full_name\": null}",
            "{\"username\": \"a\", \"email\": \"a@example.com\", \"picture\": \"not a url\"}",
            "{\"username\": \"a\", \"email\": \"a@example.com\", \"picture\": \"ftp://x.example/a.jpg\"}",
            "{\"username\": \"a\", \"email\": \"a@example.com\", \"picture\": 5}",
            "{\"username\": \"a\", \"email\": \"a@example.com\", \"two_factor\": \"true\"}",
            "{\"username\": \"a\", \"email\": \"a@example.com\", \"two_factor\": 1}",
            "[]", "", "nope"})
    void invalidFieldsAre400(String body) {
        create(body).isError(400, "invalid_request");
    }

    /** Django's default rule takes every numeric character (Python's \\w), not only decimal digits. */
    @Test
    void aUsernameMayHoldNumbersOtherThanDecimalDigits() {
        create("{\"id\": 9, \"username\": \"x\u00B2\u00BD\u216B\", \"email\": \"n@example.com\"}") // x²½Ⅻ
                .is(201, json("{'id': 9, 'username': 'x\u00B2\u00BD\u216B', 'email': 'n@example.com', 'full_name': '',"
                        + " 'picture': null, 'two_factor': false}"));
    }

    @Test
    void aUsernameOf150IsTheLongest() {
        create("{\"username\": \"" + "u".repeat(150) + "\", \"email\": \"a@example.com\"}").json();
        create("{\"username\": \"" + "v".repeat(151) + "\", \"email\": \"b@example.com\"}").isError(400, "invalid_request");
    }

    @Test
    void showsAndChangesAnAccount() {
        create("{\"id\": 5, \"username\": \"ayrei\", \"email\": \"ayrei@example.com\"}").json();

        http.get("/admin/accounts/ayrei/").token(ADMIN).send().is(200, json("{'id': 5, 'username': 'ayrei',"
                + " 'email': 'ayrei@example.com', 'full_name': '', 'picture': null, 'two_factor': false}"));
        http.method("PATCH", "/admin/accounts/ayrei/").token(ADMIN)
                .json("{\"full_name\": \"amu ferwe\", \"two_factor\": true, \"picture\": \"http://p.example/x.png\"}")
                .send().is(200, json("{'id': 5, 'username': 'ayrei', 'email': 'ayrei@example.com',"
                        + " 'full_name': 'amu ferwe', 'picture': 'http://p.example/x.png', 'two_factor': true}"));
        http.method("PATCH", "/admin/accounts/ayrei").token(ADMIN).json("{\"email\": \"new@example.com\"}").send()
                .is(200, json("{'id': 5, 'username': 'ayrei', 'email': 'new@example.com', 'full_name': 'amu ferwe',"
                        + " 'picture': 'http://p.example/x.png', 'two_factor': true}"));
        http.method("PATCH", "/admin/accounts/ayrei/").token(ADMIN).json("{}").send().json();
        http.get("/admin/accounts/ayrei").token(ADMIN).send().json();
    }

    @Test
    void unicodeUsernamesWorkInThePath() {
        create("{\"username\": \"\u00e9l\u00e8ve+1\", \"email\": \"e@example.com\"}").json();

        assertThat(http.get("/admin/accounts/%C3%A9l%C3%A8ve+1/").token(ADMIN).send().json().get("username").textValue())
                .isEqualTo("\u00e9l\u00e8ve+1");
    }

    @Test
    void changesAreChecked() {
        create("{\"username\": \"ayrei\", \"email\": \"ayrei@example.com\"}").json();
        create("{\"username\": \"other\", \"email\": \"other@example.com\"}").json();

        http.method("PATCH", "/admin/accounts/ayrei/").token(ADMIN).json("{\"email\": \"OTHER@example.com\"}").send()
                .isError(409, "conflict");
        http.method("PATCH", "/admin/accounts/ayrei/").token(ADMIN).json("{\"two_factor\": \"yes\"}").send()
                .isError(400, "invalid_request");
        http.method("PATCH", "/admin/accounts/ayrei/").token(ADMIN).json("{\"email\": null}").send()
                .isError(400, "invalid_request");
        http.method("PATCH", "/admin/accounts/ayrei/").token(ADMIN).json("{\"picture\": null}").send()
                .isError(400, "invalid_request");
        http.method("PATCH", "/admin/accounts/ayrei/").token(ADMIN).json("{\"picture\": \"javascript:alert(1)\"}")
                .send().isError(400, "invalid_request");
        http.method("PATCH", "/admin/accounts/nobody/").token(ADMIN).json("{\"full_name\": 1}").send()
                .isError(400, "invalid_request");
        http.method("PATCH", "/admin/accounts/nobody/").token(ADMIN).json("{\"full_name\": \"x\"}").send()
                .isError(404, "account_not_found");
        http.method("PATCH", "/admin/accounts/ayrei/").token(ADMIN).body("text/plain", "{}").send()
                .isError(415, "unsupported_media_type");
        http.get("/admin/accounts/nobody/").token(ADMIN).send().isError(404, "account_not_found");
    }

    @Test
    void friendshipsAreMadeAndEndedIdempotently() {
        create("{\"username\": \"ayrei\", \"email\": \"ayrei@example.com\"}").json();
        create("{\"username\": \"ayrei1\", \"email\": \"ayrei1@example.com\"}").json();
        AccountId a = server.directory.byUsername(io.friendchat.domain.account.Username.of("ayrei")).get().id();
        AccountId b = server.directory.byUsername(io.friendchat.domain.account.Username.of("ayrei1")).get().id();

        for (int i = 0; i < 2; i++) {
            http.method("PUT", "/admin/friendships/").token(ADMIN).json("{\"a\": \"ayrei\", \"b\": \"ayrei1\"}").send()
                    .is(200, json("{'a': 'ayrei', 'b': 'ayrei1', 'friends': true}"));
        }
        assertThat(server.directory.areFriends(a, b)).isTrue();

        for (int i = 0; i < 2; i++) {
            Reply deleted = http.method("DELETE", "/admin/friendships/?a=ayrei1&b=ayrei").token(ADMIN).send();
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.body()).isEmpty();
        }
        assertThat(server.directory.areFriends(a, b)).isFalse();
        assertThat(http.method("DELETE", "/admin/friendships?a=ayrei1&b=ayrei").token(ADMIN).send().status())
                .isEqualTo(204);
    }

    @Test
    void friendshipErrors() {
        create("{\"username\": \"ayrei\", \"email\": \"ayrei@example.com\"}").json();

        http.method("PUT", "/admin/friendships/").token(ADMIN).json("{\"a\": \"ayrei\", \"b\": \"ayrei\"}").send()
                .isError(400, "invalid_request");
        http.method("PUT", "/admin/friendships/").token(ADMIN).json("{\"a\": \"ayrei\", \"b\": \"nobody\"}").send()
                .isError(404, "account_not_found");
        http.method("PUT", "/admin/friendships/").token(ADMIN).json("{\"a\": \"ayrei\"}").send()
                .isError(400, "invalid_request");
        http.method("PUT", "/admin/friendships/").token(ADMIN).json("{\"a\": \"ayrei\", \"b\": 2}").send()
                .isError(400, "invalid_request");
        http.method("DELETE", "/admin/friendships/?a=ayrei&b=nobody").token(ADMIN).send()
                .isError(404, "account_not_found");
        http.method("DELETE", "/admin/friendships/?a=ayrei&b=ayrei").token(ADMIN).send()
                .isError(400, "invalid_request");
        http.method("DELETE", "/admin/friendships/?a=ayrei").token(ADMIN).send().isError(400, "invalid_request");
        http.method("DELETE", "/admin/friendships/?a=ayrei&a=x&b=y").token(ADMIN).send()
                .isError(400, "invalid_request");
    }

    @Test
    void theAdminTokenIsRequired() {
        for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + ADMIN + "x", "Bearer s3cret",
                "Basic " + ADMIN, "Bearer"}) {
            for (Http.Call call : new Http.Call[] {
                    http.post("/admin/accounts/").json("{\"username\": \"a\", \"email\": \"a@example.com\"}"),
                    http.get("/admin/accounts/a/"),
                    http.method("PATCH", "/admin/accounts/a/").json("{}"),
                    http.method("PUT", "/admin/friendships/").json("{\"a\": \"a\", \"b\": \"b\"}"),
                    http.method("DELETE", "/admin/friendships/?a=a&b=b")}) {
                Reply reply = (authorization == null ? call : call.header("Authorization", authorization)).send()
                        .isError(401, "unauthorized");
                assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
            }
        }
        assertThat(server.directory.byId(AccountId.of(1))).isEmpty();
    }

    @Test
    void aChatTokenIsNotAnAdminToken() {
        create("{\"id\": 1, \"username\": \"ayrei\", \"email\": \"ayrei@example.com\"}").json();

        http.get("/admin/accounts/ayrei/").token(server.tokenFor(server.directory.byId(AccountId.of(1)).get())).send()
                .isError(401, "unauthorized");
    }

    @Test
    void theTokenComesBeforeTheBodyAndTheBodyBeforeTheLookup() {
        http.post("/admin/accounts/").body("text/plain", "x").send().isError(401, "unauthorized");
        http.post("/admin/accounts/").token(ADMIN).body("text/plain", "x".repeat(70_000)).send()
                .isError(413, "payload_too_large");
        http.post("/admin/accounts/").token(ADMIN).body("application/x-www-form-urlencoded", "username=a").send()
                .isError(415, "unsupported_media_type");
        http.method("PATCH", "/admin/accounts/nobody/").token(ADMIN).json("nope").send().isError(400, "invalid_request");
    }

    /** Sent as raw bytes: a bad escape is not a URI any client library would send. */
    Reply raw(String method, String target, String authorization, String json) {
        String body = json == null ? "" : json;
        return http.raw(method + " " + target + " HTTP/1.1\r\nHost: x\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + (json == null ? "" : "Content-Type: application/json\r\n")
                + "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + body);
    }

    /** API.md: a bad % escape in the query or a parameter given twice is a 400 invalid_request, on every call. */
    @Test
    void aMalformedOrRepeatedQueryIsA400OnEveryAdminCall() {
        create("{\"username\": \"ayrei\", \"email\": \"ayrei@example.com\"}").json();
        create("{\"username\": \"ayrei1\", \"email\": \"ayrei1@example.com\"}").json();
        String bearer = "Bearer " + ADMIN;
        String[][] calls = {
                {"POST", "/admin/accounts/", "{\"username\": \"new\", \"email\": \"new@example.com\"}"},
                {"GET", "/admin/accounts/ayrei/", null},
                {"PATCH", "/admin/accounts/ayrei/", "{\"full_name\": \"changed\"}"},
                {"PUT", "/admin/friendships/", "{\"a\": \"ayrei\", \"b\": \"ayrei1\"}"},
                {"DELETE", "/admin/friendships/", null}};
        for (String[] call : calls) {
            String query = call[0].equals("DELETE") ? "?a=ayrei&b=ayrei1&" : "?";
            raw(call[0], call[1] + query + "x=%zz", bearer, call[2])
                    .is(400, json("{'error': 'The query has a bad % escape.', 'code': 'invalid_request'}"));
            raw(call[0], call[1] + query + "x=1&x=2", bearer, call[2])
                    .is(400, Reply.parse("{\"error\": \"The query gives 'x' twice: give it once.\", \"code\": \"invalid_request\"}"));
        }
        assertThat(server.directory.byUsername(io.friendchat.domain.account.Username.of("new"))).isEmpty();
        assertThat(server.directory.byUsername(io.friendchat.domain.account.Username.of("ayrei")).get().fullName())
                .isEmpty();
        assertThat(server.directory.areFriends(AccountId.of(1), AccountId.of(2))).isFalse();
    }

    /** API.md's order: the path (404, 405) and the token (401) answer before the query, and the body's size and type too. */
    @Test
    void aMalformedQueryComesAfterThePathTheTokenAndTheBodysSizeAndType() {
        raw("GET", "/admin/nowhere/?x=%zz", "Bearer " + ADMIN, null).isError(404, "not_found");
        raw("DELETE", "/admin/accounts/ayrei/?x=%zz", "Bearer " + ADMIN, null).isError(405, "method_not_allowed");
        raw("GET", "/admin/accounts/ayrei/?x=%zz", null, null).isError(401, "unauthorized");
        raw("PATCH", "/admin/accounts/ayrei/?x=1&x=1", "Bearer wrong", "{}").isError(401, "unauthorized");
        raw("POST", "/admin/accounts/?x=%zz", "Bearer " + ADMIN, "x".repeat(70_000))
                .isError(413, "payload_too_large");
        http.post("/admin/accounts/?x=1&x=1").token(ADMIN).body("text/plain", "{}").send()
                .isError(415, "unsupported_media_type");
        raw("GET", "/admin/accounts/nobody/?x=%zz", "Bearer " + ADMIN, null)
                .is(400, json("{'error': 'The query has a bad % escape.', 'code': 'invalid_request'}"));
    }

    @Test
    void unknownAdminPathsAndMethods() {
        http.get("/admin/").token(ADMIN).send().isError(404, "not_found");
        http.get("/admin/other/").token(ADMIN).send().isError(404, "not_found");
        http.get("/admin/accounts/").token(ADMIN).send().isError(405, "method_not_allowed");
        http.method("DELETE", "/admin/accounts/a/").send().isError(405, "method_not_allowed");
    }

    @Test
    void withoutAnAdminTokenEveryAdminPathIs404() {
        try (ChatServer off = ChatServer.start()) {
            Http client = new Http(off);
            for (Http.Call call : new Http.Call[] {
                    client.post("/admin/accounts/").json("{\"username\": \"a\", \"email\": \"a@example.com\"}"),
                    client.get("/admin/accounts/a/"),
                    client.method("PATCH", "/admin/accounts/a/").json("{}"),
                    client.method("PUT", "/admin/friendships/").json("{\"a\": \"a\", \"b\": \"b\"}"),
                    client.method("DELETE", "/admin/friendships/?a=a&b=b"),
                    client.method("DELETE", "/admin/accounts/"),
                    client.get("/admin/")}) {
                call.header("Authorization", "Bearer anything").send().isError(404, "not_found");
            }
        }
    }
}
