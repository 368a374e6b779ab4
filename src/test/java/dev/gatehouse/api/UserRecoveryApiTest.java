package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST core/users/<pk>/recovery/}: a one-time link that signs the user in, as authentik's. */
class UserRecoveryApiTest {
    private static final String USERS = "/api/v3/core/users/";
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recoveryThenLinkSignsThatUserInOnce() throws Exception {
        long pk = createUser(server, "rec-once");

        JsonNode body = expect(server.send("POST", USERS + pk + "/recovery/", ADMIN, null), 200);

        String link = body.get("link").asString();
        assertThat(link).matches("http://127\\.0\\.0\\.1:\\d+/recovery/use-token/[A-Za-z0-9]{64}/");
        HttpResponse<String> first = get(link, null);
        assertThat(first.statusCode()).isEqualTo(302);
        String session = first.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("gatehouse_session=")).findFirst().orElseThrow();
        HttpResponse<String> me = get(server.base() + "/api/v3/core/users/me/", session.substring(0, session.indexOf(';')));
        assertThat(me.body()).contains("\"username\":\"rec-once\"");
        assertThat(get(link, null).statusCode()).isEqualTo(404);
    }

    @Test
    void recoveryThenTokenOfRecoveryIntentExpiringWithinHalfAnHour() {
        long pk = createUser(server, "rec-token");

        expect(server.send("POST", USERS + pk + "/recovery/", ADMIN, null), 200);

        JsonNode tokens = expect(server.get("/api/v3/core/tokens/?intent=recovery&user=" + pk, ADMIN), 200).get("results");
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).get("expiring").booleanValue()).isTrue();
        java.time.Instant expires = java.time.Instant.parse(tokens.get(0).get("expires").asString());
        assertThat(expires).isBetween(java.time.Instant.now().plusSeconds(25 * 60), java.time.Instant.now().plusSeconds(31 * 60));
    }

    @Test
    void recoveryWhenUnknownUserThen404() {
        expect(server.send("POST", USERS + "999999/recovery/", ADMIN, null), 404);
    }

    @Test
    void recoveryWhenInactiveUserThen400AndNoToken() {
        long pk = createUser(server, "rec-inactive");
        expect(server.send("PATCH", USERS + pk + "/", ADMIN, obj("is_active", false)), 200);

        JsonNode body = expect(server.send("POST", USERS + pk + "/recovery/", ADMIN, null), 400);

        assertThat(body.has("non_field_errors")).isTrue();
        assertThat(expect(server.get("/api/v3/core/tokens/?intent=recovery&user=" + pk, ADMIN), 200).get("results"))
                .isEmpty();
    }

    @Test
    void recoveryWhenNotSuperuserThen403() {
        long pk = createUser(server, "rec-plain");
        String key = createToken(server, "rec-plain-api", "api", pk);

        expect(server.send("POST", USERS + pk + "/recovery/", key, null), 403);

        assertThat(List.of(expect(server.get("/api/v3/core/tokens/?intent=recovery&user=" + pk, ADMIN), 200)
                .get("results").size())).containsExactly(0);
    }
}
