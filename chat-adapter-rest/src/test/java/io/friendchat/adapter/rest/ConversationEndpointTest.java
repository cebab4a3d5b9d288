package io.friendchat.adapter.rest;

import io.friendchat.domain.account.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static io.friendchat.adapter.rest.Reply.json;
import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

class ConversationEndpointTest {

    ChatServer server;
    Http http;
    Account ayrei;
    Account ayrei1;
    Account stranger;

    @BeforeEach
    void start() {
        server = ChatServer.start();
        http = new Http(server);
        ayrei = server.add(anAccount(1, "ayrei").withFullName("amu ferwe")
                .withPicture("http://127.0.0.1:9003/register/media/avatars/pexels.jpg"));
        ayrei1 = server.add(anAccount(2, "ayrei1").withEmail("Ayrei1@Example.COM"));
        stranger = server.add(anAccount(3, "stranger"));
        server.befriend(ayrei, ayrei1);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Reply send(Account from, Account to, String text) {
        return http.post("/chat/message/").token(server.tokenFor(from))
                .json("{\"account\": \"" + to.username() + "\", \"message\": \"" + text + "\"}").send();
    }

    Reply read(Account caller, String query) {
        return http.get("/chat/conversation/?" + query).token(server.tokenFor(caller)).send();
    }

    @Test
    void noMessageYetIsVide() {
        read(ayrei1, "account=ayrei").is(200, json("{'vide': true, 'message': 'No Messages Recived at the current time !'}"));
    }

    @Test
    void theWholeConversationOldestFirst() {
        send(ayrei, ayrei1, "hello");
        server.clock.advance(Duration.ofSeconds(330));
        send(ayrei, ayrei1, "hello 1");
        server.clock.advance(Duration.ofSeconds(504));
        send(ayrei1, ayrei, "hello 2");

        read(ayrei1, "account=ayrei").is(200, json("""
                {'vide': false,
                 'sender-info': {'on_talk': 'ayrei', 'online': false,
                                 'picture': 'http://127.0.0.1:9003/register/media/avatars/pexels.jpg',
                                 'full_name': 'amu ferwe', 'read_up_to': 0},
                 'data': [{'id': 1, 'sender': 'ayrei', 'reciver': 'ayrei1', 'message': 'hello', 'time': '2024-09-28 14:41:27'},
                          {'id': 2, 'sender': 'ayrei', 'reciver': 'ayrei1', 'message': 'hello 1', 'time': '2024-09-28 14:46:57'},
                          {'id': 3, 'sender': 'ayrei1', 'reciver': 'ayrei', 'message': 'hello 2', 'time': '2024-09-28 14:55:21'}],
                 'has_more': false}"""));
    }

    @Test
    void theFriendWithoutPictureShowsTheDefaultAndIsOnlineWhileConnected() {
        send(ayrei, ayrei1, "hi");
        server.presence.connected(ayrei1.id());

        Reply reply = read(ayrei, "account=ayrei1");

        assertThat(reply.json().get("sender-info")).isEqualTo(json("""
                {'on_talk': 'ayrei1', 'online': true, 'picture': '%s', 'full_name': '', 'read_up_to': 0}"""
                .formatted(ChatServer.DEFAULT_PICTURE)));
    }

    @Test
    void timeIsWrittenInTheConfiguredZone() {
        try (ChatServer paris = ChatServer.with().zone("Europe/Paris").start()) {
            Account a = paris.add(anAccount(1, "a"));
            Account b = paris.add(anAccount(2, "b"));
            paris.befriend(a, b);
            Http client = new Http(paris);
            client.post("/chat/message").token(paris.tokenFor(a)).json("{\"account\":\"b\",\"message\":\"x\"}").send();

            Reply reply = client.get("/chat/conversation?account=a").token(paris.tokenFor(b)).send();

            assertThat(reply.json().at("/data/0/time").textValue()).isEqualTo("2024-09-28 16:41:27");
        }
    }

    @Test
    void theFriendIsFoundByEmailIgnoringCaseWithPlusAsSpaceRules() {
        send(ayrei, ayrei1, "hi");

        assertThat(read(ayrei, "account=ayrei1%40example.com").json().get("vide").booleanValue()).isFalse();
        assertThat(read(ayrei, "account=AYREI1@EXAMPLE.COM").status()).isEqualTo(200);
    }

    @Test
    void aPlusInTheQueryIsASpace() {
        Account spaced = server.add(anAccount(9, "pl").withEmail("a+b@example.com"));
        server.befriend(ayrei, spaced);

        read(ayrei, "account=a+b@example.com").isError(404, "account_not_found");
        read(ayrei, "account=a%2Bb@example.com").is(200,
                json("{'vide': true, 'message': 'No Messages Recived at the current time !'}"));
    }

    @Test
    void pagesGoBackwardsWithLimitAndBefore() {
        for (int i = 1; i <= 5; i++) {
            send(i % 2 == 0 ? ayrei : ayrei1, i % 2 == 0 ? ayrei1 : ayrei, "m" + i);
        }

        Reply latest = read(ayrei, "account=ayrei1&limit=2");
        assertThat(latest.json().get("data").findValuesAsText("message")).containsExactly("m4", "m5");
        assertThat(latest.json().get("has_more").booleanValue()).isTrue();

        Reply older = read(ayrei, "account=ayrei1&limit=2&before=4");
        assertThat(older.json().get("data").findValuesAsText("message")).containsExactly("m2", "m3");
        assertThat(older.json().get("has_more").booleanValue()).isTrue();

        Reply oldest = read(ayrei, "account=ayrei1&limit=2&before=2");
        assertThat(oldest.json().get("data").findValuesAsText("message")).containsExactly("m1");
        assertThat(oldest.json().get("has_more").booleanValue()).isFalse();

        Reply pastTheStart = read(ayrei, "account=ayrei1&before=1");
        assertThat(pastTheStart.json()).isEqualTo(json("""
                {'vide': false, 'sender-info': {'on_talk': 'ayrei1', 'online': false, 'picture': '%s',
                 'full_name': '', 'read_up_to': 0}, 'data': [], 'has_more': false}""".formatted(ChatServer.DEFAULT_PICTURE)));
    }

    @Test
    void withoutLimitTheHistoryLimitApplies() {
        try (ChatServer small = ChatServer.with().historyLimit(3).start()) {
            Account a = small.add(anAccount(1, "a"));
            Account b = small.add(anAccount(2, "b"));
            small.befriend(a, b);
            Http client = new Http(small);
            for (int i = 1; i <= 4; i++) {
                client.post("/chat/message/").token(small.tokenFor(a)).json("{\"account\":\"b\",\"message\":\"m" + i + "\"}")
                        .send();
            }

            Reply reply = client.get("/chat/conversation/?account=b").token(small.tokenFor(a)).send();

            assertThat(reply.json().get("data").findValuesAsText("message")).containsExactly("m2", "m3", "m4");
            assertThat(reply.json().get("has_more").booleanValue()).isTrue();
            assertThat(client.get("/chat/conversation/?account=b&limit=1000").token(small.tokenFor(a)).send()
                    .json().get("data").size()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=-1", "limit=1.5", "limit=abc", "limit=", "limit=+5",
            "limit=99999999999999999999999", "before=0", "before=-3", "before=x", "before=", "before=2.0",
            "limit=5&limit=6", "before=1&before=2", "account=ayrei1", "limit=%C3%28", "account=%FF"})
    void badPagingIsA400(String extra) {
        read(ayrei, "account=ayrei1&" + extra).isError(400, "invalid_request");
    }

    @Test
    void aHugeBeforeCountsAsTheLatest() {
        send(ayrei, ayrei1, "hi");

        assertThat(read(ayrei, "account=ayrei1&before=99999999999999999999999").json()
                .get("data").findValuesAsText("message")).containsExactly("hi");
    }

    @Test
    void theAccountParameterIsChecked() {
        http.get("/chat/conversation/").token(server.tokenFor(ayrei)).send().isError(400, "invalid_request");
        read(ayrei, "account=").isError(400, "invalid_request");
        read(ayrei, "account=+++").isError(400, "invalid_request");
        read(ayrei, "account=" + "a".repeat(255)).isError(400, "invalid_request");
        read(ayrei, "account=" + "a".repeat(254)).isError(404, "account_not_found");
        read(ayrei, "account=nobody").isError(404, "account_not_found");
        read(ayrei, "account=ayrei").isError(400, "invalid_request");
        read(ayrei, "account=stranger").isError(403, "not_friends");
    }

    @Test
    void aUsernameOf150LettersOutsideTheBmpCanBeNamed() {
        String username = "\uD800\uDF30".repeat(150); // U+10330, a letter: 300 UTF-16 units
        Account gothic = server.add(anAccount(4, username));
        server.befriend(ayrei, gothic);

        read(ayrei, "account=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8))
                .is(200, json("{'vide': true, 'message': 'No Messages Recived at the current time !'}"));
    }

    @Test
    void afterUnfriendingTheHistoryIsHiddenThenBack() {
        send(ayrei, ayrei1, "kept");
        server.unfriend(ayrei, ayrei1);

        read(ayrei, "account=ayrei1").isError(403, "not_friends");
        read(ayrei1, "account=ayrei").isError(403, "not_friends");

        server.befriend(ayrei, ayrei1);
        assertThat(read(ayrei, "account=ayrei1").json().get("data").findValuesAsText("message")).containsExactly("kept");
    }
}
