package io.friendchat.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.friendchat.adapter.rest.openapi.OpenApiResource;
import io.friendchat.application.ChatPorts;
import io.friendchat.application.ChatSettings;
import io.friendchat.application.ChatUseCases;
import io.friendchat.application.access.AllowedOrigins;
import io.friendchat.application.local.LocalPresence;
import io.friendchat.application.local.LocalTypingThrottle;
import io.friendchat.domain.ratelimit.RateLimiter;
import io.friendchat.testkit.InMemoryDirectory;
import io.friendchat.testkit.InMemoryMessageStore;
import io.friendchat.testkit.MutableClock;
import io.friendchat.testkit.RecordingNotifier;
import io.friendchat.testkit.StaticTokens;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /openapi.json}: a well-formed OpenAPI 3.1 document that lists exactly the
 * paths and methods Jersey mounts, whose every error code is one of API.md's, and whose
 * answers are the ones the server really gives.
 */
class OpenApiDocumentTest {

    /** The error codes of API.md's table, the only ones a client may be told about. */
    private static final Set<String> API_CODES = Set.of("invalid_request", "unauthorized", "two_factor_required",
            "not_friends", "account_not_found", "not_found", "method_not_allowed", "origin_not_allowed", "conflict",
            "payload_too_large", "unsupported_media_type", "rate_limited", "unavailable");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
            "patch", "trace");
    private static final Set<String> PATH_ITEM_FIELDS = Set.of("summary", "description", "parameters", "servers",
            "$ref");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    private static ChatServer server;
    private static Http http;
    private static JsonNode document;

    @BeforeAll
    static void start() throws IOException {
        server = ChatServer.with().adminToken("admin-token").start();
        http = new Http(server);
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            assertThat(in).as(OpenApiResource.DOCUMENT).isNotNull();
            document = new ObjectMapper().readTree(in);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void isServedAsJsonWithoutAToken() {
        for (String path : List.of("/openapi.json", "/openapi.json/")) {
            Reply reply = http.get(path).send();
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.json()).isEqualTo(document);
        }
    }

    /** API.md: a bad % escape in the query or a parameter given twice is a 400 invalid_request on every path. */
    @Test
    void aMalformedOrRepeatedQueryIsA400() {
        http.raw("GET /openapi.json?x=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .is(400, Reply.json("{'error': 'The query has a bad % escape.', 'code': 'invalid_request'}"));
        http.get("/openapi.json?x=1&x=2").send().is(400,
                Reply.parse("{\"error\": \"The query gives 'x' twice: give it once.\", \"code\": \"invalid_request\"}"));
    }

    @Test
    void isShapedAsOpenApi31() {
        assertThat(document.path("openapi").asText()).matches("3\\.1\\.\\d+");
        assertThat(document.path("info").path("title").isTextual()).isTrue();
        assertThat(document.path("info").path("version").isTextual()).isTrue();
        assertThat(document.path("paths").isObject()).isTrue();
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("bearer").path("type").asText()).isEqualTo("http");
        assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");

        Set<String> operationIds = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> {
            String name = path.getKey();
            assertThat(name).startsWith("/");
            path.getValue().fieldNames().forEachRemaining(field -> assertThat(
                    HTTP_METHODS.contains(field) || PATH_ITEM_FIELDS.contains(field) || field.startsWith("x-"))
                    .as(name + " has the field " + field).isTrue());
            operations(path.getValue()).forEach((method, operation) -> {
                String where = method.toUpperCase(Locale.ROOT) + " " + name;
                if (operation.has("operationId")) {
                    assertThat(operationIds.add(operation.get("operationId").asText())).as(where + " id").isTrue();
                }
                assertThat(operation.path("responses").size()).as(where + " answers").isPositive();
                operation.path("responses").fields().forEachRemaining(response -> {
                    assertThat(response.getKey()).as(where).matches("[1-5]\\d\\d|default");
                    assertThat(resolve(response.getValue()).path("description").isTextual())
                            .as(where + " " + response.getKey() + " has a description").isTrue();
                });
                operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(
                        scheme -> assertThat(schemes.has(scheme)).as(where + " scheme " + scheme).isTrue()));
                assertThat(operation.has("security")).as(where + " says which token it needs").isTrue();
                Matcher templates = TEMPLATE.matcher(name);
                while (templates.find()) {
                    assertThat(declaresPathParameter(path.getValue(), operation, templates.group(1)))
                            .as(where + " declares {" + templates.group(1) + "}").isTrue();
                }
            });
        });
        everyReferenceResolves(document, "#");
    }

    @Test
    void listsExactlyTheMountedPathsAndMethods() {
        Set<String> mounted = new TreeSet<>();
        ApplicationHandler handler = new ApplicationHandler(ChatRestApplication.create(useCasesWithDirectory(),
                new RestSettings(ZoneOffset.UTC, "/2fa/", AllowedOrigins.any(), "admin-token",
                        () -> Map.of("database", true))));
        ExtendedResourceContext context = handler.getInjectionManager().getInstance(ExtendedResourceContext.class);
        for (Resource root : context.getResourceModel().getRootResources()) {
            collect(root, "", mounted);
        }

        Set<String> documented = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> {
            String name = path.getKey();
            if (name.startsWith("/chat/") || name.startsWith("/admin/") || name.startsWith("/ws/")) {
                assertThat(name).as("API.md writes these with their trailing slash").endsWith("/");
            }
            if (path.getValue().path("x-standalone-server").asBoolean()) {
                assertThat(name).as("only /metrics is the standalone server's own").isEqualTo("/metrics");
                return;
            }
            operations(path.getValue()).forEach((method, operation) -> {
                boolean preflight = operation.path("x-cors-preflight").asBoolean();
                assertThat(preflight).as(method + " " + name).isEqualTo(method.equals("options"));
                if (!preflight) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + withoutTrailingSlash(name));
                }
            });
            assertThat(path.getValue().has("options")).as("a preflight is documented on every /chat/ path: " + name)
                    .isEqualTo(name.startsWith("/chat/"));
        });

        assertThat(documented).isEqualTo(mounted);
        assertThat(mounted).contains("GET /chat/conversation", "POST /admin/accounts",
                "PATCH /admin/accounts/{username}", "GET /openapi.json", "GET /health");
    }

    @Test
    void everyErrorCodeIsOneOfApiMds() {
        List<String> codes = new ArrayList<>();
        collectCodes(document, codes);
        assertThat(codes).isNotEmpty().allSatisfy(code -> assertThat(API_CODES).contains(code));
        assertThat(document.at("/components/schemas/Error/properties/code/enum"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(API_CODES);
    }

    @Test
    void theExtensionFieldsAreMarked() {
        for (String pointer : List.of(
                "/components/schemas/ConversationMessage/properties/id",
                "/components/schemas/ConversationPage/properties/has_more",
                "/components/schemas/SenderInfo/properties/read_up_to",
                "/components/schemas/SendMessageRequest/properties/client_id",
                "/components/schemas/MessageSent/properties/id",
                "/components/schemas/MessageSent/properties/time",
                "/components/schemas/InboxRow/properties/unread",
                "/components/schemas/NewMessageEvent/properties/id",
                "/components/schemas/NewMessageEvent/properties/reciver",
                "/paths/~1chat~1read~1/post")) {
            assertThat(document.at(pointer).path("x-extension").asBoolean()).as(pointer).isTrue();
        }
        // The note's own fields are not extensions, typos included.
        assertThat(document.at("/components/schemas/ConversationMessage/properties/reciver").has("x-extension"))
                .isFalse();
        assertThat(document.at("/components/schemas/ConversationMessage/required"))
                .extracting(JsonNode::asText).containsExactly("sender", "reciver", "message", "time");
    }

    /** Each documented operation, called without a token or body, answers one of its documented statuses and codes. */
    @Test
    void theServerAnswersAsDocumented() {
        document.path("paths").fields().forEachRemaining(path -> {
            if (path.getValue().path("x-standalone-server").asBoolean()) {
                return;
            }
            String concrete = TEMPLATE.matcher(path.getKey()).replaceAll("nobody");
            operations(path.getValue()).forEach((method, operation) -> {
                for (String target : List.of(concrete, withoutTrailingSlash(concrete))) {
                    Http.Call call = http.method(method.toUpperCase(Locale.ROOT), target);
                    if (method.equals("options")) {
                        call.header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST");
                    }
                    Reply reply = call.send();
                    String where = method.toUpperCase(Locale.ROOT) + " " + target + " answered " + reply.status()
                            + " " + reply.body();
                    JsonNode documented = operation.path("responses").path(Integer.toString(reply.status()));
                    assertThat(documented.isMissingNode()).as(where).isFalse();
                    if (reply.status() >= 400) {
                        List<String> codes = new ArrayList<>();
                        collectCodes(resolve(documented), codes);
                        assertThat(codes).as(where).contains(reply.json().path("code").asText());
                    }
                }
            });
        });
    }

    private static ChatUseCases useCasesWithDirectory() {
        InMemoryDirectory directory = new InMemoryDirectory();
        ChatPorts ports = new ChatPorts(directory, directory, new InMemoryMessageStore(), new RecordingNotifier(),
                new LocalPresence(), RateLimiter.unlimited(), new LocalTypingThrottle(), new StaticTokens(),
                MutableClock.at("2024-09-28T14:41:27Z"), directory);
        return ChatUseCases.over(ports, ChatSettings.defaults());
    }

    /** "METHOD /path" of every method Jersey mounts below this resource; its own OPTIONS and HEAD left out. */
    private static void collect(Resource resource, String parent, Set<String> mounted) {
        String path = parent + "/" + trimSlashes(resource.getPath() == null ? "" : resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            if (!method.isExtended()) {
                mounted.add(method.getHttpMethod() + " " + withoutTrailingSlash(path.replaceAll("/+", "/")));
            }
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, mounted);
        }
    }

    private static Map<String, JsonNode> operations(JsonNode pathItem) {
        Map<String, JsonNode> operations = new java.util.TreeMap<>();
        pathItem.fields().forEachRemaining(field -> {
            if (HTTP_METHODS.contains(field.getKey())) {
                operations.put(field.getKey(), field.getValue());
            }
        });
        return operations;
    }

    private static boolean declaresPathParameter(JsonNode pathItem, JsonNode operation, String name) {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        return parameters.stream().map(OpenApiDocumentTest::resolve).anyMatch(parameter ->
                parameter.path("in").asText().equals("path") && parameter.path("name").asText().equals(name)
                        && parameter.path("required").asBoolean());
    }

    /**
     * Every "code" an error schema or example names below this node: consts, enums and
     * example values. References are not followed, so a response does not inherit every
     * code of the shared Error schema.
     */
    private static void collectCodes(JsonNode node, List<String> codes) {
        if (node.isObject()) {
            JsonNode code = node.path("properties").path("code");
            if (code.has("const")) {
                codes.add(code.get("const").asText());
            }
            code.path("enum").forEach(value -> codes.add(value.asText()));
            for (String example : List.of("example", "value")) {
                if (node.path(example).path("code").isTextual()) {
                    codes.add(node.path(example).path("code").asText());
                }
            }
            node.elements().forEachRemaining(child -> collectCodes(child, codes));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectCodes(child, codes));
        }
    }

    private static void everyReferenceResolves(JsonNode node, String where) {
        if (node.isObject()) {
            JsonNode reference = node.get("$ref");
            if (reference != null) {
                assertThat(reference.asText()).as(where).startsWith("#/");
                assertThat(document.at(reference.asText().substring(1)).isMissingNode())
                        .as(where + " refers to " + reference.asText()).isFalse();
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                everyReferenceResolves(field.getValue(), where + "/" + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                everyReferenceResolves(node.get(i), where + "/" + i);
            }
        }
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
