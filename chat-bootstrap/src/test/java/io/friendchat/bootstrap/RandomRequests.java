package io.friendchat.bootstrap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded hostile input for the server: HTTP requests as raw bytes (random and deeply
 * nested JSON, wrong types, invalid UTF-8, absurd headers, random tokens, malformed
 * request lines) and random WebSocket frames. The same seed gives the same cases.
 */
final class RandomRequests {

    /** What the server owes a request. */
    enum Expect {
        /** A whole request: an answer within the time, never a 5xx, every error in the JSON shape. */
        ANSWER,
        /**
         * A head the server may refuse before any resource runs (near or over 8 KiB or 100 fields,
         * a control character, a malformed Content-Length): judged as {@link #ANSWER}, its refusal
         * (414, 431 or 400) in the JSON shape like every other error.
         */
        REFUSED_HEAD,
        /**
         * Not a request, or one that lies about its framing (random bytes, a broken request
         * line, a Transfer-Encoding it does not follow): no answer owed, but any answer is in the
         * contract (a version that is not HTTP/1.x is the one 5xx, in JSON too), and a connection
         * left waiting is closed at the request deadlines.
         */
        NOTHING
    }

    /** One generated request and what it is, for the assertion messages. */
    record Case(String kind, String method, String path, byte[] bytes, Expect expect) {

        Case(String kind, String method, String path, byte[] bytes) {
            this(kind, method, path, bytes, headOverLimits(bytes) ? Expect.REFUSED_HEAD : Expect.ANSWER);
        }

        boolean mutates() {
            return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }
    }

    static final List<String> PATHS = List.of("/chat/conversation/", "/chat/message/", "/chat/list-conversation/",
            "/chat/read/", "/admin/accounts/", "/admin/accounts/ann/", "/admin/accounts/bob/", "/admin/friendships/",
            "/health", "/metrics", "/openapi.json", "/", "/ws/connection/", "/chat/conversation", "/chat/message",
            "/chat/", "/chat/unknown/", "/admin/");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD",
            "TRACE", "CONNECT", "PROPFIND", "get", "G\u00c9T", "");
    private static final List<String> KEYS = List.of("account", "message", "client_id", "up_to", "username",
            "email", "full_name", "picture", "two_factor", "id", "a", "b", "limit", "before", "case", "after",
            "", "\u0000", "accounT", "mess\u00e1ge");
    private static final List<String> CONTENT_TYPES = List.of("application/json",
            "application/json; charset=utf-8", "application/json; charset=iso-8859-1",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ", "multipart/form-data",
            "text/plain", "application/xml", "*/*", "application/json;;;", "\u00ff\u00fe", "");

    private final Random random;
    private final List<String> tokens;
    private final List<String> names;

    /**
     * @param tokens bearer tokens to draw from (valid ones among them)
     * @param names account names, usernames and emails to draw from
     */
    RandomRequests(Random random, List<String> tokens, List<String> names) {
        this.random = random;
        this.tokens = tokens;
        this.names = names;
    }

    Case next() {
        int dice = random.nextInt(100);
        if (dice < 45) {
            return jsonRequest();
        }
        if (dice < 60) {
            return absurdHeaders();
        }
        if (dice < 75) {
            return randomQuery();
        }
        if (dice < 88) {
            return formRequest();
        }
        if (dice < 98) {
            return malformedRequestLine();
        }
        return new Case("random bytes", "?", "?", randomBytes(1 + random.nextInt(3000), random.nextBoolean()),
                Expect.NOTHING);
    }

    private Case jsonRequest() {
        String method = pick(List.of("POST", "POST", "POST", "PATCH", "PUT", "DELETE", "GET"));
        String path = pick(PATHS);
        byte[] body = jsonBody();
        return new Case("json", method, path, request(method, path, headers(pick(CONTENT_TYPES)), body));
    }

    private Case formRequest() {
        String path = pick(List.of("/chat/message/", "/chat/read/", "/admin/accounts/"));
        boolean multipart = random.nextBoolean();
        byte[] body = multipart ? multipartBody() : formBody().getBytes(StandardCharsets.UTF_8);
        String type = multipart ? "multipart/form-data; boundary=" + (random.nextInt(4) == 0 ? "" : "XyZ")
                : "application/x-www-form-urlencoded";
        return new Case(multipart ? "multipart" : "form", "POST", path, request("POST", path, headers(type), body));
    }

    private Case randomQuery() {
        String path = pick(PATHS);
        StringBuilder query = new StringBuilder();
        int pairs = random.nextInt(6);
        for (int i = 0; i < pairs; i++) {
            query.append(i == 0 ? "?" : pick(List.of("&", "&", ";", "&&", "")));
            query.append(pick(KEYS.subList(0, 16))).append(random.nextInt(5) == 0 ? "" : "=").append(queryValue());
        }
        String method = pick(List.of("GET", "GET", "DELETE", "HEAD", "OPTIONS", "POST"));
        String headers = headers(random.nextBoolean() ? "application/json" : null);
        if (method.equals("OPTIONS") && random.nextBoolean()) {
            headers += "Origin: " + pick(List.of("https://app.example.com", "null", "", "\u00e9vil", "*")) + "\r\n"
                    + "Access-Control-Request-Method: " + pick(METHODS) + "\r\n";
        }
        byte[] body = method.equals("POST") ? jsonBody() : new byte[0];
        return new Case("query", method, path, request(method, path + query, headers, body));
    }

    private Case absurdHeaders() {
        String path = pick(PATHS);
        String method = pick(List.of("GET", "POST"));
        StringBuilder headers = new StringBuilder(headers("application/json"));
        int absurdity = random.nextInt(9);
        switch (absurdity) {
            case 0 -> headers.append("X-Huge: ").append("a".repeat(random.nextInt(200_000))).append("\r\n");
            case 1 -> {
                int many = 100 + random.nextInt(3000);
                for (int i = 0; i < many; i++) {
                    headers.append("X-Many-").append(i).append(": ").append(i).append("\r\n");
                }
            }
            case 2 -> headers.append("X-Control: a").append((char) random.nextInt(32)).append("b\u007f\r\n");
            case 3 -> headers.append("No colon here\r\n");
            case 4 -> headers.append("X-Folded: a\r\n  continued\r\n");
            case 5 -> headers.append("Content-Length: ").append(pick(List.of("-1", "abc", "99999999999999999999",
                    "1, 2", "0x10"))).append("\r\n");
            case 6 -> headers.append("Transfer-Encoding: ").append(pick(List.of("chunked", "gzip, chunked", "bogus")))
                    .append("\r\n");
            case 7 -> headers.append("X-Latin: ").append("\u00e9\u00ff\u0080").append("\r\n");
            default -> headers.append("Authorization: Bearer ").append("x".repeat(random.nextInt(50_000)))
                    .append("\r\n");
        }
        byte[] body = method.equals("POST") ? jsonBody() : new byte[0];
        byte[] bytes = request(method, path, headers.toString(), body);
        Expect expect = switch (absurdity) {
            case 2, 5 -> Expect.REFUSED_HEAD;
            case 6 -> Expect.NOTHING;
            default -> headOverLimits(bytes) ? Expect.REFUSED_HEAD : Expect.ANSWER;
        };
        return new Case("absurd headers", method, path, bytes, expect);
    }

    private Case malformedRequestLine() {
        String line = switch (random.nextInt(10)) {
            case 0 -> "GET /health";
            case 1 -> "GET /health HTTP/9.9";
            case 2 -> "GET  /health  HTTP/1.1";
            case 3 -> "GET /chat/conversation/?account=%zz HTTP/1.1";
            case 4 -> "GET /" + "x".repeat(random.nextInt(100_000)) + " HTTP/1.1";
            case 5 -> "GET http://127.0.0.1/chat/list-conversation/ HTTP/1.1";
            case 6 -> "GET /chat/\u0000/ HTTP/1.1";
            case 7 -> pick(METHODS) + " " + new String(randomBytes(20, false), StandardCharsets.ISO_8859_1) + " HTTP/1.1";
            case 8 -> "GET /chat/conversation/?account=\u00e9\u00ff HTTP/1.1";
            default -> "\r\n\r\nGET /health HTTP/1.0";
        };
        byte[] head = (line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + authorization() + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return new Case("request line", "GET", "?", head, Expect.NOTHING);
    }

    private String headers(String contentType) {
        StringBuilder headers = new StringBuilder("Host: 127.0.0.1\r\n");
        if (contentType != null && random.nextInt(8) != 0) {
            headers.append("Content-Type: ").append(contentType).append("\r\n");
        }
        headers.append(authorization());
        if (random.nextInt(6) == 0) {
            headers.append("Accept: ").append(pick(List.of("text/html", "application/xml", "*/*", "image/png")))
                    .append("\r\n");
        }
        return headers.toString();
    }

    private String authorization() {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> "Authorization: " + pick(List.of("Basic YTpi", "Bearer", "Bearer ", "bearer", "Token x"))
                    + "\r\n";
            case 2 -> "Authorization: Bearer " + randomToken() + "\r\n";
            default -> "Authorization: " + pick(List.of("Bearer ", "bearer ", "BEARER ")) + pick(tokens) + "\r\n";
        };
    }

    private String randomToken() {
        return switch (random.nextInt(4)) {
            case 0 -> "eyJhbGciOiJub25lIn0.eyJ1c2VyX2lkIjoxfQ.";
            case 1 -> randomAscii(random.nextInt(300));
            case 2 -> pick(tokens) + randomAscii(1 + random.nextInt(3));
            default -> {
                String token = pick(tokens);
                int at = random.nextInt(Math.max(1, token.length()));
                yield token.substring(0, at) + (char) ('A' + random.nextInt(26)) + token.substring(Math.min(token.length(), at + 1));
            }
        };
    }

    private static boolean headOverLimits(byte[] request) {
        int end = RawHttp.indexOf(request, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int head = end < 0 ? request.length : end;
        int lines = 0;
        for (int i = 0; i < head; i++) {
            if (request[i] == '\n') {
                lines++;
            }
        }
        // Near the limits counts as over: the relaxation only drops the JSON-body check.
        return head > 8_000 || lines > 95;
    }

    /** A request with a body of the right length (a wrong one would only make the server wait for the rest). */
    private static byte[] request(String method, String target, String headers, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " " + target + " HTTP/1.1\r\n" + headers + "Connection: close\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        if (body.length > 0 || method.equals("POST") || method.equals("PATCH") || method.equals("PUT")) {
            request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        return request.toByteArray();
    }

    private byte[] jsonBody() {
        String json = switch (random.nextInt(8)) {
            case 0 -> "[".repeat(1 + random.nextInt(20_000));
            case 1 -> "{\"a\":".repeat(1 + random.nextInt(5_000)) + "1" + "}".repeat(random.nextInt(5_000));
            case 2 -> jsonValue(0);
            case 3 -> "";
            default -> jsonObject(0);
        };
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return random.nextInt(5) == 0 ? withInvalidUtf8(bytes) : bytes;
    }

    private String jsonObject(int depth) {
        StringBuilder object = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                object.append(random.nextInt(20) == 0 ? ",," : ",");
            }
            object.append(jsonString(pick(KEYS))).append(':');
            String key = KEYS.get(random.nextInt(KEYS.size()));
            object.append(key.equals("account") || random.nextInt(3) == 0 ? plausibleValue() : jsonValue(depth + 1));
        }
        return object.append(random.nextInt(30) == 0 ? "" : "}").toString();
    }

    private String plausibleValue() {
        return switch (random.nextInt(6)) {
            case 0 -> jsonString(pick(names));
            case 1 -> Long.toString(random.nextInt(5) - 1);
            case 2 -> jsonString("");
            case 3 -> jsonString(" \u00a0\u3000\t");
            case 4 -> "\"\\ud800\"";
            default -> jsonString(randomText(random.nextInt(70)));
        };
    }

    private String jsonValue(int depth) {
        int choice = random.nextInt(depth > 4 ? 7 : 9);
        return switch (choice) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> pick(List.of("0", "-0", "1.5", "1e400", "-1", "99999999999999999999999", "9223372036854775808",
                    "1E-400", "NaN", "Infinity", "0x10", "01"));
            case 3 -> jsonString(randomText(random.nextInt(100)));
            case 4 -> jsonString("x".repeat(random.nextInt(80_000)));
            case 5 -> "\"" + pick(List.of("\\u0000", "\\ud83d", "\\udc00\\ud83d", "\\x41", "\\", "\\u12", "\n"))
                    + "\"";
            case 6 -> randomAscii(random.nextInt(20));
            case 7 -> jsonObject(depth + 1);
            default -> "[" + jsonValue(depth + 1) + (random.nextBoolean() ? "," + jsonValue(depth + 1) : "") + "]";
        };
    }

    private String formBody() {
        StringBuilder form = new StringBuilder();
        int pairs = random.nextInt(5);
        for (int i = 0; i < pairs; i++) {
            form.append(i == 0 ? "" : "&").append(pick(KEYS.subList(0, 8))).append('=').append(queryValue());
        }
        return form.toString();
    }

    private byte[] multipartBody() {
        StringBuilder body = new StringBuilder();
        int parts = random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            body.append("--XyZ\r\nContent-Disposition: form-data; name=\"").append(pick(KEYS.subList(0, 8))).append('"');
            if (random.nextInt(5) == 0) {
                body.append("; filename=\"a.txt\"");
            }
            body.append("\r\n\r\n").append(randomText(random.nextInt(40))).append("\r\n");
        }
        if (random.nextBoolean()) {
            body.append("--XyZ--\r\n");
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return random.nextInt(4) == 0 ? withInvalidUtf8(bytes) : bytes;
    }

    private String queryValue() {
        return switch (random.nextInt(10)) {
            case 0 -> java.net.URLEncoder.encode(pick(names), StandardCharsets.UTF_8);
            case 1 -> Integer.toString(random.nextInt(3000) - 1000);
            case 2 -> "%";
            case 3 -> "%2";
            case 4 -> "%zz";
            case 5 -> "%C3%28";
            case 6 -> "+";
            case 7 -> "99999999999999999999";
            case 8 -> "%00";
            default -> randomAscii(random.nextInt(30)).replace(" ", "+").replace("#", "%23");
        };
    }

    /** A random frame for a live socket: text, binary, control frames, and frames that break the protocol. */
    void sendRandomFrame(RawWebSocket socket) throws java.io.IOException {
        int dice = random.nextInt(20);
        switch (dice) {
            case 0 -> socket.send(true, 0, RawWebSocket.TEXT, true, withInvalidUtf8("hello".getBytes(StandardCharsets.UTF_8)));
            case 1 -> socket.send(true, 0, RawWebSocket.BINARY, true, randomBytes(random.nextInt(500), false));
            case 2 -> socket.send(true, 0, RawWebSocket.PING, true, randomBytes(random.nextInt(126), false));
            case 3 -> socket.send(true, 0, RawWebSocket.PONG, true, randomBytes(random.nextInt(126), false));
            case 4 -> socket.send(true, 0, 3 + random.nextInt(5), true, randomBytes(random.nextInt(10), false));
            case 5 -> socket.send(true, 1 + random.nextInt(7), RawWebSocket.TEXT, true, "x".getBytes(StandardCharsets.UTF_8));
            case 6 -> socket.send(true, 0, RawWebSocket.TEXT, false, "unmasked".getBytes(StandardCharsets.UTF_8));
            case 7 -> socket.send(true, 0, RawWebSocket.PING, true, new byte[126 + random.nextInt(200)]);
            case 8 -> socket.send(false, 0, RawWebSocket.PING, true, new byte[1]);
            case 9 -> socket.send(true, 0, 0x0, true, "continuation".getBytes(StandardCharsets.UTF_8));
            case 10 -> {
                socket.send(false, 0, RawWebSocket.TEXT, true, "start".getBytes(StandardCharsets.UTF_8));
                socket.send(false, 0, RawWebSocket.TEXT, true, "start again".getBytes(StandardCharsets.UTF_8));
            }
            case 11 -> socket.send(true, 0, RawWebSocket.TEXT, true, new byte[65_537 + random.nextInt(1000)]);
            case 12 -> {
                // A header announcing 2^62 bytes, followed by a few: the server must not wait for or allocate them.
                socket.sendRaw(new byte[]{(byte) 0x81, (byte) 0xFF, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 9, 9});
            }
            case 13 -> socket.send(true, 0, RawWebSocket.CLOSE, true, closePayload());
            case 14 -> socket.sendRaw(randomBytes(1 + random.nextInt(200), false));
            default -> socket.send(true, 0, RawWebSocket.TEXT, true, clientText().getBytes(StandardCharsets.UTF_8));
        }
    }

    private byte[] closePayload() {
        int code = pick(List.of(0, 999, 1000, 1004, 1005, 1006, 1015, 2999, 4000, 4999, 5000, 65_535));
        byte[] reason = random.nextBoolean() ? withInvalidUtf8("bye".getBytes(StandardCharsets.UTF_8))
                : "bye".getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[random.nextInt(4) == 0 ? 1 : 2 + reason.length];
        payload[0] = (byte) (code >>> 8);
        if (payload.length > 1) {
            payload[1] = (byte) code;
            System.arraycopy(reason, 0, payload, 2, reason.length);
        }
        return payload;
    }

    private String clientText() {
        return switch (random.nextInt(5)) {
            case 0 -> "{\"case\": \"TYPING\", \"account\": " + plausibleValue() + "}";
            case 1 -> "{\"case\": " + jsonValue(0) + "}";
            case 2 -> jsonObject(0);
            case 3 -> "[".repeat(1 + random.nextInt(10_000));
            default -> randomText(random.nextInt(200));
        };
    }

    /** A handshake with a random query and headers; the token is one of the known ones or garbage. */
    byte[] randomHandshake() {
        String token = random.nextInt(3) == 0 ? randomToken() : pick(tokens);
        StringBuilder query = new StringBuilder("?token=" + token.replace(" ", "+"));
        if (random.nextBoolean()) {
            query.append("&after=").append(pick(List.of("0", "-1", "1.5", "abc", "99999999999999999999", "%zz", "",
                    "3")));
        }
        if (random.nextBoolean()) {
            query.append("&events=").append(pick(List.of("PRESENCE,TYPING,READ", "presence", ",,,", "X", "%00")));
        }
        if (random.nextInt(6) == 0) {
            query.append("&token=").append(pick(tokens));
        }
        byte[] key = new byte[16];
        random.nextBytes(key);
        String keyHeader = switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "Sec-WebSocket-Key: not-base64\r\n";
            default -> "Sec-WebSocket-Key: " + java.util.Base64.getEncoder().encodeToString(key) + "\r\n";
        };
        String version = pick(List.of("13", "13", "13", "8", "", "abc"));
        String origin = random.nextInt(4) == 0 ? "Origin: " + pick(List.of("https://a.example", "null", "\u00e9"))
                + "\r\n" : "";
        String path = random.nextInt(8) == 0 ? "/ws/connection" : "/ws/connection/";
        return ("GET " + path + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: "
                + pick(List.of("websocket", "websocket", "WebSocket", "h2c", "")) + "\r\nConnection: Upgrade\r\n"
                + keyHeader + (version.isEmpty() ? "" : "Sec-WebSocket-Version: " + version + "\r\n") + origin
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] withInvalidUtf8(byte[] bytes) {
        byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        byte[] bad = invalid[random.nextInt(invalid.length)];
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(bad);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private byte[] randomBytes(int length, boolean endWithBlankLine) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        if (endWithBlankLine && length >= 4) {
            bytes[length - 4] = '\r';
            bytes[length - 3] = '\n';
            bytes[length - 2] = '\r';
            bytes[length - 1] = '\n';
        }
        return bytes;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) (' ' + random.nextInt(95)));
            } else if (kind < 8) {
                text.appendCodePoint(0xA0 + random.nextInt(0x2FF0));
            } else if (kind == 8) {
                text.appendCodePoint(0x1F600 + random.nextInt(80));
            } else {
                text.append((char) random.nextInt(32));
            }
        }
        return text.toString();
    }

    private String randomAscii(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(94)));
        }
        return text.toString();
    }

    private static String jsonString(String text) {
        return RunningServer.JSON.getNodeFactory().textNode(text).toString();
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
