package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON helpers shared by the REST API tests: parse answers, write bodies, create users and tokens as akadmin. */
public final class ApiTestSupport {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String ADMIN = TestServer.ADMIN_TOKEN;

    private ApiTestSupport() {
    }

    public static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    /** A JSON object from alternating names and values ({@code null} values are kept as JSON null). */
    public static String obj(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return JSON.writeValueAsString(m);
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Asserts the status, showing the body when it differs, and returns the parsed body (or null when empty). */
    public static JsonNode expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as("%s %s -> %s", r.request().method(), r.request().uri(), r.body())
                .isEqualTo(status);
        return r.body().isEmpty() ? null : json(r);
    }

    /** Sends a request with extra headers (name, value, name, value...) through the given client. */
    public static HttpResponse<String> send(HttpClient client, String url, String method, String token,
                                            HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The events of one action about one model name (from the event context), newest first. */
    public static List<JsonNode> modelEvents(TestServer server, String action, String modelName) {
        JsonNode body = expect(server.get("/api/v3/events/events/?page_size=1000&action=" + action, ADMIN), 200);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : body.get("results")) {
            JsonNode model = e.path("context").path("model");
            if (modelName.equals(model.path("name").asString(""))) {
                out.add(e);
            }
        }
        return out;
    }

    public static long createUser(TestServer server, String username) {
        JsonNode u = expect(server.send("POST", "/api/v3/core/users/", ADMIN,
                obj("username", username, "name", username + " name", "email", username + "@example.org")), 201);
        return u.get("pk").asLong();
    }

    /** Creates a token as akadmin for the given user and returns its key. */
    public static String createToken(TestServer server, String identifier, String intent, long userPk) {
        JsonNode t = expect(server.send("POST", "/api/v3/core/tokens/", ADMIN,
                obj("identifier", identifier, "intent", intent, "user", userPk, "expiring", false)), 201);
        return t.get("key").asString();
    }

    public static List<String> texts(JsonNode results, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : results) {
            out.add(n.get(field).asString());
        }
        return out;
    }

    public static long adminPk(TestServer server) {
        return expect(server.get("/api/v3/core/users/me/", ADMIN), 200).get("user").get("pk").asLong();
    }

    public static String adminGroupPk(TestServer server) {
        JsonNode list = expect(server.get("/api/v3/core/groups/?name=" + q("authentik Admins"), ADMIN), 200);
        assertThat(list.get("results")).hasSize(1);
        return list.get("results").get(0).get("pk").asString();
    }
}
