package io.friendchat.adapter.rest;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.live.ReadEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static io.friendchat.adapter.rest.Reply.json;
import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

class InboxAndReadTest {

    ChatServer server;
    Http http;
    Account ayrei;
    Account ayrei1;
    Account bob;
    Account stranger;

    @BeforeEach
    void start() {
        server = ChatServer.start();
        http = new Http(server);
        ayrei = server.add(anAccount(1, "ayrei").withFullName("amu ferwe")
                .withPicture("http://127.0.0.1:9003/register/media/avatars/pexels.jpg"));
        ayrei1 = server.add(anAccount(2, "ayrei1"));
        bob = server.add(anAccount(3, "bob").withFullName("Bob"));
        stranger = server.add(anAccount(5, "stranger"));
        server.befriend(ayrei, ayrei1);
        server.befriend(ayrei1, bob);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void send(Account from, Account to, String text) {
        http.post("/chat/message/").token(server.tokenFor(from))
                .json("{\"account\": \"" + to.username() + "\", \"message\": \"" + text + "\"}").send().json();
    }

    Reply inbox(Account caller) {
        return http.get("/chat/list-conversation/").token(server.tokenFor(caller)).send();
    }

    Reply markRead(Account caller, String body) {
        return http.post("/chat/read/").token(server.tokenFor(caller)).json(body).send();
    }

    @Test
    void anEmptyInboxIsVide() {
        inbox(ayrei).is(200, json("{'vide': true, 'info': []}"));
        http.get("/chat/list-conversation").token(server.tokenFor(ayrei)).send().is(200, json("{'vide': true, 'info': []}"));
    }

    @Test
    void oneRowPerFriendLatestConversationFirst() {
        send(ayrei, ayrei1, "hello");
        server.clock.advance(Duration.ofSeconds(330));
        send(bob, ayrei1, "yo");
        server.clock.advance(Duration.ofSeconds(504));
        send(ayrei1, ayrei, "hello 2");
        server.presence.connected(ayrei.id());

        inbox(ayrei1).is(200, json("""
                {'vide': false, 'info': [
                  {'on_talk': 'ayrei', 'online': true,
                   'picture': 'http://127.0.0.1:9003/register/media/avatars/pexels.jpg', 'full_name': 'amu ferwe',
                   'sender': 'ayrei1', 'reciver': 'ayrei', 'message': 'hello 2', 'time': '2024-09-28 14:55:21',
                   'unread': 1},
                  {'on_talk': 'bob', 'online': false, 'picture': '%s', 'full_name': 'Bob',
                   'sender': 'bob', 'reciver': 'ayrei1', 'message': 'yo', 'time': '2024-09-28 14:46:57',
                   'unread': 1}]}""".formatted(ChatServer.DEFAULT_PICTURE)));
    }

    @Test
    void anUnfriendedConversationDropsOutAndComesBack() {
        send(ayrei, ayrei1, "hello");
        send(bob, ayrei1, "yo");
        server.unfriend(ayrei, ayrei1);

        assertThat(inbox(ayrei1).json().get("info").findValuesAsText("on_talk")).containsExactly("bob");
        inbox(ayrei).is(200, json("{'vide': true, 'info': []}"));

        server.befriend(ayrei, ayrei1);
        assertThat(inbox(ayrei1).json().get("info").findValuesAsText("on_talk")).containsExactly("bob", "ayrei");
    }

    @Test
    void markingReadCountsAndShowsTheFriend() {
        send(ayrei, ayrei1, "1");
        send(ayrei, ayrei1, "2");
        send(ayrei1, ayrei, "3");
        send(ayrei, ayrei1, "4");

        markRead(ayrei1, "{\"account\": \"ayrei\", \"up_to\": 2}").is(200, json("{'success': 'Marked as read.', 'unread': 1}"));

        assertThat(inbox(ayrei1).json().at("/info/0/unread").longValue()).isEqualTo(1);
        assertThat(http.get("/chat/conversation/?account=ayrei1").token(server.tokenFor(ayrei)).send().json()
                .at("/sender-info/read_up_to").longValue()).isEqualTo(2);
        assertThat(server.notifier.deliveredTo(ayrei.id())).contains(new ReadEvent("ayrei1", 2));

        markRead(ayrei1, "{\"account\": \"ayrei\", \"up_to\": 1}").is(200, json("{'success': 'Marked as read.', 'unread': 1}"));
        markRead(ayrei1, "{\"account\": \"ayrei@example.com\", \"up_to\": 99999999999999999999999}")
                .is(200, json("{'success': 'Marked as read.', 'unread': 0}"));
        assertThat(http.get("/chat/conversation/?account=ayrei1").token(server.tokenFor(ayrei)).send().json()
                .at("/sender-info/read_up_to").longValue()).isEqualTo(4);
        http.post("/chat/read").token(server.tokenFor(ayrei1)).json("{\"account\": \"ayrei\", \"up_to\": 4}").send()
                .is(200, json("{'success': 'Marked as read.', 'unread': 0}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"account\": \"ayrei\", \"up_to\": \"2\"}", "{\"account\": \"ayrei\", \"up_to\": 1.5}",
            "{\"account\": \"ayrei\", \"up_to\": 2.0}", "{\"account\": \"ayrei\", \"up_to\": null}",
            "{\"account\": \"ayrei\", \"up_to\": 0}", "{\"account\": \"ayrei\", \"up_to\": -1}",
            "{\"account\": \"ayrei\"}", "{\"up_to\": 1}", "{\"account\": 1, \"up_to\": 1}",
            "{\"account\": \"\", \"up_to\": 1}", "[]", "null", "", "{\"account\": \"ayrei\", \"up_to\": true}",
            "{\"account\": \"ayrei1\", \"up_to\": 1}"})
    void badReadBodiesAre400(String body) {
        markRead(ayrei1, body).isError(400, "invalid_request");
    }

    @Test
    void readTakesJsonOnly() {
        http.post("/chat/read/").token(server.tokenFor(ayrei1)).body("application/x-www-form-urlencoded",
                "account=ayrei&up_to=1").send().isError(415, "unsupported_media_type");
        http.post("/chat/read/").token(server.tokenFor(ayrei1)).body("multipart/form-data; boundary=x",
                "--x--\r\n").send().isError(415, "unsupported_media_type");
    }

    @Test
    void readingAStrangerOrNobodyFails() {
        markRead(ayrei1, "{\"account\": \"stranger\", \"up_to\": 1}").isError(403, "not_friends");
        markRead(ayrei1, "{\"account\": \"nobody\", \"up_to\": 1}").isError(404, "account_not_found");
        markRead(ayrei1, "{\"account\": \"" + "x".repeat(255) + "\", \"up_to\": 1}").isError(400, "invalid_request");
    }

    @Test
    void strangersAndUnfriendedPairsGet403OnEveryEndpoint() {
        send(ayrei, ayrei1, "before");
        server.unfriend(ayrei, ayrei1);
        for (Account[] pair : new Account[][] {{ayrei, ayrei1}, {ayrei1, ayrei}, {ayrei, stranger}, {stranger, ayrei}}) {
            String token = server.tokenFor(pair[0]);
            String other = pair[1].username().value();
            http.get("/chat/conversation/?account=" + other).token(token).send().isError(403, "not_friends");
            http.post("/chat/message/").token(token).json("{\"account\": \"" + other + "\", \"message\": \"x\"}").send()
                    .isError(403, "not_friends");
            markRead(pair[0], "{\"account\": \"" + other + "\", \"up_to\": 1}").isError(403, "not_friends");
            assertThat(inbox(pair[0]).json().get("info").findValuesAsText("on_talk")).doesNotContain(other);
        }
        assertThat(server.messages.all()).hasSize(1);
    }
}
