package io.friendchat.adapter.rest;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.friendchat.adapter.rest.Reply.parse;
import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * U+0000 anywhere a client writes: PostgreSQL cannot hold it, so the domain decides
 * before any store is asked. A handle with it names no account (404), any other field
 * or name with it is a 400; never a 5xx.
 */
class NulCharacterTest {

    static final String ADMIN = "admin-token";
    static final String NOT_FOUND =
            "{\"error\": \"No account matches that username or email.\", \"code\": \"account_not_found\"}";

    ChatServer server;
    Http http;
    Account ayrei;
    String token;

    @BeforeEach
    void start() {
        server = ChatServer.with().adminToken(ADMIN).start();
        http = new Http(server);
        ayrei = server.add(anAccount(1, "ayrei"));
        Account ayrei1 = server.add(anAccount(2, "ayrei1"));
        server.befriend(ayrei, ayrei1);
        token = server.tokenFor(ayrei);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aHandleWithU0000NamesNoAccount() {
        http.get("/chat/conversation/?account=%00").token(token).send().is(404, parse(NOT_FOUND));
        http.get("/chat/conversation/?account=ayrei1%00").token(token).send().is(404, parse(NOT_FOUND));
        http.post("/chat/message/").token(token).json("{\"account\": \"ayrei1\\u0000\", \"message\": \"hi\"}").send()
                .is(404, parse(NOT_FOUND));
        http.post("/chat/message/").token(token)
                .body("application/x-www-form-urlencoded", "account=%00&message=hi").send()
                .is(404, parse(NOT_FOUND));
        http.post("/chat/read/").token(token).json("{\"account\": \"\\u0000\", \"up_to\": 1}").send()
                .is(404, parse(NOT_FOUND));
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void aClientIdWithU0000IsA400() {
        http.post("/chat/message/").token(token)
                .json("{\"account\": \"ayrei1\", \"message\": \"hi\", \"client_id\": \"\\u0000\"}").send()
                .is(400, parse("{\"error\": \"'client_id' contains the character U+0000, which cannot be sent.\","
                        + " \"code\": \"invalid_request\"}"));
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void adminFieldsAndNamesWithU0000AreA400() {
        String fullName = "{\"error\": \"'full_name' contains the character U+0000, which cannot be stored.\","
                + " \"code\": \"invalid_request\"}";
        http.post("/admin/accounts/").token(ADMIN)
                .json("{\"id\": 9, \"username\": \"nul\", \"email\": \"nul@example.com\", \"full_name\": \"a\\u0000\"}")
                .send().is(400, parse(fullName));
        http.method("PATCH", "/admin/accounts/ayrei/").token(ADMIN).json("{\"full_name\": \"\\u0000\"}").send()
                .is(400, parse(fullName));
        http.method("PATCH", "/admin/accounts/ayrei/").token(ADMIN).json("{\"email\": \"a\\u0000@example.com\"}")
                .send().is(400, parse("{\"error\": \"'email' must be an email address.\", \"code\": \"invalid_request\"}"));
        http.method("PATCH", "/admin/accounts/ayrei/").token(ADMIN)
                .json("{\"picture\": \"https://cdn.example.com/\\u0000.jpg\"}").send()
                .is(400, parse("{\"error\": \"'picture' must be an http or https URL.\", \"code\": \"invalid_request\"}"));

        String username = "{\"error\": \"A username cannot contain the character U+0000.\", \"code\": \"invalid_request\"}";
        http.get("/admin/accounts/ayrei%00/").token(ADMIN).send().is(400, parse(username));
        http.method("PATCH", "/admin/accounts/%00/").token(ADMIN).json("{\"full_name\": \"x\"}").send()
                .is(400, parse(username));
        http.method("PUT", "/admin/friendships/").token(ADMIN).json("{\"a\": \"ayrei\", \"b\": \"ayrei1\\u0000\"}")
                .send().is(400, parse(username));
        http.method("DELETE", "/admin/friendships/?a=ayrei&b=%00").token(ADMIN).send().is(400, parse(username));

        assertThat(server.directory.byId(AccountId.of(9))).isEmpty();
        assertThat(server.directory.byId(AccountId.of(1)).get().fullName()).isEmpty();
    }
}
