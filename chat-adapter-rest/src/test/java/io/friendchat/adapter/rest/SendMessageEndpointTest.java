package io.friendchat.adapter.rest;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.live.NewMessageEvent;
import io.friendchat.domain.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static io.friendchat.adapter.rest.Reply.json;
import static io.friendchat.testkit.AccountFixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

class SendMessageEndpointTest {

    static final String SENT = "Message sent successfully.";

    ChatServer server;
    Http http;
    Account ayrei;
    Account ayrei1;
    String token;

    @BeforeEach
    void start() {
        server = ChatServer.start();
        http = new Http(server);
        ayrei = server.add(anAccount(1, "ayrei").withFullName("amu ferwe"));
        ayrei1 = server.add(anAccount(2, "ayrei1"));
        server.befriend(ayrei, ayrei1);
        token = server.tokenFor(ayrei);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Reply sendJson(String json) {
        return http.post("/chat/message/").token(token).json(json).send();
    }

    Reply sendBody(String contentType, byte[] body) {
        return http.post("/chat/message/").token(token).body(contentType, body).send();
    }

    static String jsonString(String text) {
        return new com.fasterxml.jackson.databind.node.TextNode(text).toString();
    }

    Reply sendText(String text) {
        return sendJson("{\"account\": \"ayrei1\", \"message\": " + jsonString(text) + "}");
    }

    @Test
    void sendsStoresAndNotifies() {
        sendJson("{\"account\": \"ayrei1\", \"message\": \"hello world\"}")
                .is(200, json("{'success': '" + SENT + "', 'id': 1, 'time': '2024-09-28 14:41:27'}"));

        assertThat(server.messages.all()).singleElement().satisfies(message -> {
            assertThat(message.sender()).isEqualTo(ayrei.id());
            assertThat(message.receiver()).isEqualTo(ayrei1.id());
            assertThat(message.text()).isEqualTo("hello world");
        });
        assertThat(server.notifier.deliveredTo(ayrei1.id())).singleElement().isEqualTo(new NewMessageEvent(1, "ayrei",
                "ayrei1", "hello world", Instant.parse("2024-09-28T14:41:27Z"), ChatServer.DEFAULT_PICTURE,
                "amu ferwe"));
    }

    @Test
    void theFriendCanBeNamedByEmailAndThePathWithoutSlash() {
        http.post("/chat/message").token(token).json("{\"account\": \"AYREI1@example.com\", \"message\": \"x\"}").send()
                .is(200, json("{'success': '" + SENT + "', 'id': 1, 'time': '2024-09-28 14:41:27'}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"héllo wörld 👋🏽 家族", "'; DROP TABLE messages; --", "<script>alert('x')</script>&amp;",
            "  leading and trailing  ", "line\nbreak\ttab\r\n", "\\u0041 is not A", "%41 + %2B", "\u200b\u00a0x",
            "\"quoted\" {json}", "🧑‍🤝‍🧑"})
    void textIsStoredAndReturnedVerbatim(String text) {
        sendText(text).json();

        assertThat(server.messages.all()).singleElement().extracting(Message::text).isEqualTo(text);
        Reply read = http.get("/chat/conversation/?account=ayrei").token(server.tokenFor(ayrei1)).send();
        assertThat(read.json().at("/data/0/message").textValue()).isEqualTo(text);
        Reply inbox = http.get("/chat/list-conversation/").token(server.tokenFor(ayrei1)).send();
        assertThat(inbox.json().at("/info/0/message").textValue()).isEqualTo(text);
    }

    @Test
    void nonAsciiIsAcceptedEscapedToo() {
        sendJson("{\"account\": \"ayrei1\", \"message\": \"\\u00e9\\ud83d\\udc4b\"}").json();

        assertThat(server.messages.all().get(0).text()).isEqualTo("é👋");
    }

    @Test
    void exactly2000CodePointsAreAcceptedAnd2001Refused() {
        String emoji2000 = "😀".repeat(2000);
        sendText(emoji2000).json();
        assertThat(server.messages.all().get(0).text()).isEqualTo(emoji2000);

        sendText("😀".repeat(2001)).isError(400, "invalid_request");
        sendText("a".repeat(2001)).isError(400, "invalid_request");
        assertThat(server.messages.all()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n\r ", "\u00a0", "\u3000", "\u2003\u205f\u1680", "\u0085"})
    void blankMessagesAreRefused(String blank) {
        sendText(blank).isError(400, "invalid_request");
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void aNulCharacterIsRefused() {
        sendJson("{\"account\": \"ayrei1\", \"message\": \"a\\u0000b\"}").isError(400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "a\\udc00b", "\\ud83d\\u0041", "x\\udbff"})
    void loneSurrogatesAreRefused(String escaped) {
        sendJson("{\"account\": \"ayrei1\", \"message\": \"" + escaped + "\"}").isError(400, "invalid_request");
        sendJson("{\"account\": \"ayrei1\", \"message\": \"ok\", \"client_id\": \"" + escaped + "\"}")
                .isError(400, "invalid_request");
        sendJson("{\"account\": \"ayrei" + escaped + "\", \"message\": \"ok\"}").isError(400, "invalid_request");
        assertThat(server.messages.all()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"account\": 2, \"message\": \"x\"}",
            "{\"account\": \"ayrei1\", \"message\": 5}",
            "{\"account\": \"ayrei1\", \"message\": true}",
            "{\"account\": \"ayrei1\", \"message\": [\"x\"]}",
            "{\"account\": \"ayrei1\", \"message\": {\"text\": \"x\"}}",
            "{\"account\": null, \"message\": \"x\"}",
            "{\"account\": \"ayrei1\", \"message\": null}",
            "{\"account\": \"ayrei1\"}",
            "{\"message\": \"x\"}",
            "{}",
            "{\"account\": \"\", \"message\": \"x\"}",
            "{\"account\": \"   \", \"message\": \"x\"}",
            "{\"account\": \"ayrei1\", \"message\": \"x\", \"client_id\": 7}",
            "{\"account\": \"ayrei1\", \"message\": \"x\", \"client_id\": null}",
            "{\"account\": \"ayrei1\", \"message\": \"x\", \"client_id\": \"\"}",
            "[{\"account\": \"ayrei1\", \"message\": \"x\"}]",
            "\"ayrei1\"",
            "null",
            "42",
            "",
            "   ",
            "{\"account\": \"ayrei1\", \"message\": \"x\"",
            "{\"account\": \"ayrei1\", \"message\": \"x\"} {}",
            "{\"account\": \"ayrei1\", \"message\": \"x\"} trailing",
            "{'account': 'ayrei1', 'message': 'x'}",
            "{account: \"ayrei1\", message: \"x\"}",
            "{\"account\": \"ayrei1\", \"message\": \"x\",}",
            "{\"account\": \"ayrei1\", \"message\": NaN}",
            "not json at all"})
    void bodiesOfTheWrongShapeAre400(String body) {
        sendJson(body).isError(400, "invalid_request");
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void aClientIdOfSixtyFourCodePointsIsTheLongest() {
        sendJson("{\"account\": \"ayrei1\", \"message\": \"x\", \"client_id\": \"" + "😀".repeat(64) + "\"}").json();
        sendJson("{\"account\": \"ayrei1\", \"message\": \"x\", \"client_id\": \"" + "a".repeat(65) + "\"}")
                .isError(400, "invalid_request");
    }

    @Test
    void aDuplicatedKeyTakesTheLastValue() {
        sendJson("{\"account\": \"nobody\", \"message\": \"first\", \"account\": \"ayrei1\", \"message\": \"last\"}")
                .json();

        assertThat(server.messages.all()).singleElement().extracting(Message::text).isEqualTo("last");
    }

    @Test
    void unknownFieldsAreIgnored() {
        sendJson("{\"account\": \"ayrei1\", \"message\": \"x\", \"extra\": [1, {\"a\": null}]}").json();
    }

    @Test
    void deeplyNestedBodiesAre400NotACrash() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(deep.length()).isGreaterThan(65_536);
        sendJson(deep).isError(413, "payload_too_large");

        String deepButSmall = "{\"account\": \"ayrei1\", \"message\": \"x\", \"extra\": " + "[".repeat(30_000)
                + "]".repeat(30_000) + "}";
        sendJson(deepButSmall).isError(400, "invalid_request");
        sendJson("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).isError(400, "invalid_request");
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] prefix = "{\"account\": \"ayrei1\", \"message\": \"".getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : new byte[][] {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}}) {
            byte[] body = concat(prefix, bad, "\"}".getBytes(StandardCharsets.UTF_8));
            sendBody("application/json", body).isError(400, "invalid_request");
        }
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void anyCharsetParameterIsAccepted() {
        sendBody("application/json; charset=utf-8", "{\"account\":\"ayrei1\",\"message\":\"a\"}".getBytes()).json();
        sendBody("Application/JSON;charset=\"UTF-8\"", "{\"account\":\"ayrei1\",\"message\":\"b\"}".getBytes()).json();
        sendBody("application/json; charset=latin1", "{\"account\":\"ayrei1\",\"message\":\"é\"}"
                .getBytes(StandardCharsets.UTF_8)).json();

        assertThat(server.messages.all()).extracting(Message::text).containsExactly("a", "b", "é");
    }

    @Test
    void aBodyOfExactly64KiBIsRead() {
        String padding = " ".repeat(65_536 - "{\"account\":\"ayrei1\",\"message\":\"x\"}".length());
        String body = "{\"account\":\"ayrei1\",\"message\":\"x\"}" + padding;
        assertThat(body.length()).isEqualTo(65_536);

        sendJson(body).json();
        sendJson(body + " ").isError(413, "payload_too_large");
        assertThat(server.messages.all()).hasSize(1);
    }

    @Test
    void aHugeMessageIs413() {
        sendText("a".repeat(70_000)).isError(413, "payload_too_large");
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void formUrlEncodedFieldsAreStrings() {
        sendBody("application/x-www-form-urlencoded", "account=ayrei1&message=hello+world+%F0%9F%91%8B%26%3D%2B"
                .getBytes(StandardCharsets.US_ASCII)).json();
        sendBody("application/x-www-form-urlencoded; charset=UTF-8", "message=2&account=ayrei1&client_id=c1"
                .getBytes(StandardCharsets.US_ASCII)).json();

        assertThat(server.messages.all()).extracting(Message::text).containsExactly("hello world 👋&=+", "2");
        assertThat(server.messages.all().get(1).clientId().value()).isEqualTo("c1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"account=ayrei1&message=a&message=b", "account=ayrei1&account=ayrei1&message=a",
            "account=ayrei1&message=%zz", "account=ayrei1&message=%4", "account=ayrei1&message=%C3%28",
            "account=ayrei1&message=%ED%A0%80", "account=ayrei1", "message=x", "", "account=ayrei1&message=",
            "account=ayrei1&message=+++", "account=ayrei1&message=a&client_id="})
    void badFormBodiesAre400(String body) {
        sendBody("application/x-www-form-urlencoded", body.getBytes(StandardCharsets.US_ASCII))
                .isError(400, "invalid_request");
        assertThat(server.messages.all()).isEmpty();
    }

    static String multipart(String boundary, String... parts) {
        StringBuilder body = new StringBuilder();
        for (String part : parts) {
            body.append("--").append(boundary).append("\r\n").append(part).append("\r\n");
        }
        return body.append("--").append(boundary).append("--\r\n").toString();
    }

    static String field(String name, String value) {
        return "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value;
    }

    @Test
    void multipartFieldsAreStrings() {
        String body = multipart("XyZ", field("account", "ayrei1"), field("message", "héllo\r\n👋 --XyZ- not a boundary"));

        sendBody("multipart/form-data; boundary=XyZ", body.getBytes(StandardCharsets.UTF_8)).json();
        sendBody("multipart/form-data; boundary=\"quoted boundary\"",
                ("preamble\r\n" + multipart("quoted boundary", "Content-Type: text/plain; charset=utf-8\r\n"
                        + field("message", "two"), field("account", "ayrei1")) + "epilogue")
                        .getBytes(StandardCharsets.UTF_8)).json();

        assertThat(server.messages.all()).extracting(Message::text)
                .containsExactly("héllo\r\n👋 --XyZ- not a boundary", "two");
    }

    @Test
    void badMultipartBodiesAre400() {
        String type = "multipart/form-data; boundary=XyZ";
        String fields = multipart("XyZ", field("account", "ayrei1"), field("message", "x"));
        String[] bad = {
                fields.substring(0, fields.length() - "--XyZ--\r\n".length()),
                fields.replace("--XyZ--", "--XyZ"),
                multipart("XyZ", field("account", "ayrei1"), field("message", "x"), field("message", "y")),
                multipart("XyZ", field("account", "ayrei1"),
                        "Content-Disposition: form-data; name=\"message\"; filename=\"m.txt\"\r\n"
                                + "Content-Type: text/plain\r\n\r\nx"),
                multipart("XyZ", field("account", "ayrei1"), "Content-Type: text/plain\r\n\r\nx"),
                multipart("XyZ", field("account", "ayrei1"), "Content-Disposition: attachment; name=\"message\"\r\n\r\nx"),
                multipart("XyZ", field("account", "ayrei1")),
                "",
                "no boundary here",
                multipart("Other", field("account", "ayrei1"), field("message", "x"))};
        for (String body : bad) {
            sendBody(type, body.getBytes(StandardCharsets.UTF_8)).isError(400, "invalid_request");
        }
        byte[] notUtf8 = multipart("XyZ", field("account", "ayrei1"), field("message", "\u0001"))
                .getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 12] = (byte) 0xFF;
        sendBody(type, notUtf8).isError(400, "invalid_request");
        sendBody("multipart/form-data", fields.getBytes(StandardCharsets.UTF_8)).isError(400, "invalid_request");
        assertThat(server.messages.all()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/jsonp", "text/json", "application/*",
            "multipart/mixed; boundary=x", "application/octet-stream", "garbage", "application/json-patch+json"})
    void otherMediaTypesAre415(String type) {
        sendBody(type, "{\"account\":\"ayrei1\",\"message\":\"x\"}".getBytes()).isError(415, "unsupported_media_type");
        assertThat(server.messages.all()).isEmpty();
    }

    @Test
    void noMediaTypeIs415() {
        sendBody(null, "{\"account\":\"ayrei1\",\"message\":\"x\"}".getBytes()).isError(415, "unsupported_media_type");
        http.post("/chat/message/").token(token).send().isError(415, "unsupported_media_type");
    }

    @Test
    void aRetryWithTheSameClientIdGetsTheFirstAnswer() {
        Reply first = sendJson("{\"account\": \"ayrei1\", \"message\": \"once\", \"client_id\": \"c-1\"}");
        server.clock.advance(Duration.ofMinutes(3));
        Reply retry = sendJson("{\"account\": \"nobody\", \"message\": \"other\", \"client_id\": \"c-1\"}");

        first.is(200, json("{'success': '" + SENT + "', 'id': 1, 'time': '2024-09-28 14:41:27'}"));
        retry.is(200, first.json());
        assertThat(server.messages.all()).hasSize(1);
        assertThat(server.notifier.deliveries()).hasSize(1);
    }

    @Test
    void aReplayIsAnsweredEvenAfterUnfriending() {
        Reply first = sendJson("{\"account\": \"ayrei1\", \"message\": \"once\", \"client_id\": \"c-1\"}");
        server.unfriend(ayrei, ayrei1);

        sendJson("{\"account\": \"ayrei1\", \"message\": \"once\", \"client_id\": \"c-1\"}").is(200, first.json());
        sendJson("{\"account\": \"ayrei1\", \"message\": \"once\", \"client_id\": \"c-2\"}").isError(403, "not_friends");
    }

    @Test
    void duplicatesSentAtTheSameTimeStoreOneMessage() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Reply>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                replies.add(pool.submit(() -> sendJson(
                        "{\"account\": \"ayrei1\", \"message\": \"once\", \"client_id\": \"same\"}")));
            }
            for (java.util.concurrent.Future<Reply> reply : replies) {
                reply.get(20, java.util.concurrent.TimeUnit.SECONDS)
                        .is(200, json("{'success': '" + SENT + "', 'id': 1, 'time': '2024-09-28 14:41:27'}"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.messages.all()).hasSize(1);
        assertThat(server.notifier.deliveries()).hasSize(1);
    }

    @Test
    void theSameClientIdOfAnotherSenderIsAnotherMessage() {
        sendJson("{\"account\": \"ayrei1\", \"message\": \"a\", \"client_id\": \"same\"}").json();
        http.post("/chat/message/").token(server.tokenFor(ayrei1))
                .json("{\"account\": \"ayrei\", \"message\": \"b\", \"client_id\": \"same\"}").send()
                .is(200, json("{'success': '" + SENT + "', 'id': 2, 'time': '2024-09-28 14:41:27'}"));
    }

    @Test
    void sendingToStrangersSelfOrNobodyFails() {
        Account stranger = server.add(anAccount(3, "stranger"));
        sendJson("{\"account\": \"stranger\", \"message\": \"x\"}").isError(403, "not_friends");
        sendJson("{\"account\": \"ayrei\", \"message\": \"x\"}").isError(400, "invalid_request");
        sendJson("{\"account\": \"nobody\", \"message\": \"x\"}").isError(404, "account_not_found");
        http.post("/chat/message/").token(server.tokenFor(stranger)).json("{\"account\": \"ayrei\", \"message\": \"x\"}")
                .send().isError(403, "not_friends");
        assertThat(server.messages.all()).isEmpty();
        assertThat(server.notifier.deliveries()).isEmpty();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Java's HttpClient and curl --http2 offer "Upgrade: h2c" on their first request, body included. */
    @Test
    void aSendThatOffersAnHttp2UpgradeIsServedAsPlainHttp() {
        String body = "{\"account\": \"ayrei1\", \"message\": \"over h2c\"}";
        Reply reply = http.raw("POST /chat/message/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(server.messages.all()).extracting(Message::text).containsExactly("over h2c");
    }
}
