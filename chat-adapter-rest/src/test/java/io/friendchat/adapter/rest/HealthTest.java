package io.friendchat.adapter.rest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.friendchat.adapter.rest.Reply.json;

class HealthTest {

    ChatServer server;
    Http http;

    @BeforeEach
    void start() {
        server = ChatServer.start();
        http = new Http(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void upWhileTheDatabaseAnswers() {
        http.get("/health").send().is(200, json("{'status': 'UP', 'database': 'UP'}"));
        http.get("/health/").send().is(200, json("{'status': 'UP', 'database': 'UP'}"));
    }

    @Test
    void downWhenTheDatabaseIsDown() {
        server.health.put("database", false);

        http.get("/health").send().is(503, json("{'status': 'DOWN', 'database': 'DOWN'}"));
    }

    @Test
    void redisIsShownButTheDatabaseDecides() {
        server.health.put("redis", false);
        http.get("/health").send().is(200, json("{'status': 'UP', 'database': 'UP', 'redis': 'DOWN'}"));

        server.health.put("redis", true);
        server.health.put("database", false);
        http.get("/health").send().is(503, json("{'status': 'DOWN', 'database': 'DOWN', 'redis': 'UP'}"));
    }

    @Test
    void healthNeedsNoTokenAndTakesGetOnly() {
        http.get("/health").header("Authorization", "Bearer garbage").send().is(200,
                json("{'status': 'UP', 'database': 'UP'}"));
        http.post("/health").json("{}").send().isError(405, "method_not_allowed");
    }

    /** API.md: a bad % escape in the query or a parameter given twice is a 400 invalid_request here too. */
    @Test
    void aMalformedOrRepeatedQueryIsA400() {
        http.raw("GET /health?x=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .is(400, json("{'error': 'The query has a bad % escape.', 'code': 'invalid_request'}"));
        http.get("/health/?x=1&x=2").send()
                .is(400, Reply.parse("{\"error\": \"The query gives 'x' twice: give it once.\", \"code\": \"invalid_request\"}"));
        http.get("/health?x=1&y=2").send().is(200, json("{'status': 'UP', 'database': 'UP'}"));
    }
}
