package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Who may call what: missing, wrong, expired and wrong-intent tokens; a non-superuser's limits. */
class ApiAuthenticationTest {
    private static TestServer server;
    private static long alicePk;
    private static String aliceKey;
    private static long bobPk;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        alicePk = createUser(server, "alice");
        bobPk = createUser(server, "bob");
        aliceKey = createToken(server, "alice-api", "api", alicePk);
        createToken(server, "bob-api", "api", bobPk);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertUnauthenticated(HttpResponse<String> r) {
        JsonNode body = expect(r, 401);
        assertThat(body.propertyNames()).containsExactly("detail");
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void listUsersWhenNoTokenThen401() {
        HttpResponse<String> r = server.get("/api/v3/core/users/", null);
        assertUnauthenticated(r);
        assertThat(r.body()).doesNotContain("akadmin");
    }

    @Test
    void listUsersWhenWrongTokenThen401() {
        assertUnauthenticated(server.get("/api/v3/core/users/", ADMIN.substring(1) + "x"));
    }

    @Test
    void meWhenNoTokenThen401() {
        assertUnauthenticated(server.get("/api/v3/core/users/me/", null));
    }

    @Test
    void listUsersWhenTokenExpiredThen401() {
        String key = createToken(server, "admin-expiring", "api", ApiTestSupport.adminPk(server));
        expect(server.get("/api/v3/core/users/", key), 200);

        expect(server.send("PATCH", "/api/v3/core/tokens/admin-expiring/", ADMIN,
                obj("expiring", true, "expires", Instant.now().minus(1, ChronoUnit.MINUTES).toString())), 200);

        assertUnauthenticated(server.get("/api/v3/core/users/", key));
    }

    @Test
    void listUsersWhenTokenCreatedAlreadyExpiredThen401() {
        JsonNode t = expect(server.send("POST", "/api/v3/core/tokens/", ADMIN, obj("identifier", "born-expired",
                "intent", "api", "expiring", true, "expires", "2020-01-01T00:00:00Z")), 201);

        assertUnauthenticated(server.get("/api/v3/core/users/", t.get("key").asString()));
    }

    @Test
    void listUsersWhenAppPasswordTokenThen401() {
        String key = createToken(server, "admin-app-password", "app_password", ApiTestSupport.adminPk(server));
        assertUnauthenticated(server.get("/api/v3/core/users/", key));
    }

    @Test
    void listUsersWhenUserDeactivatedThen401() {
        long pk = createUser(server, "carol");
        String key = createToken(server, "carol-api", "api", pk);
        expect(server.get("/api/v3/core/users/me/", key), 200);

        expect(server.send("PATCH", "/api/v3/core/users/" + pk + "/", ADMIN, obj("is_active", false)), 200);

        assertUnauthenticated(server.get("/api/v3/core/users/me/", key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v3/core/users/", "/api/v3/core/groups/", "/api/v3/core/applications/",
            "/api/v3/events/events/", "/api/v3/providers/all/"})
    void superuserListWhenNonSuperuserTokenThen403(String path) {
        JsonNode body = expect(server.get(path, aliceKey), 403);
        assertThat(body.propertyNames()).containsExactly("detail");
        assertThat(body.get("detail").asString()).isEqualTo("You do not have permission to perform this action.");
    }

    @Test
    void getOtherUserWhenNonSuperuserTokenThen403() {
        expect(server.get("/api/v3/core/users/" + bobPk + "/", aliceKey), 403);
        expect(server.send("PATCH", "/api/v3/core/users/" + alicePk + "/", aliceKey, obj("name", "x")), 403);
        expect(server.send("POST", "/api/v3/core/users/", aliceKey, obj("username", "mallory", "name", "m")), 403);
        assertThat(expect(server.get("/api/v3/core/users/?username=mallory", ADMIN), 200).get("results")).isEmpty();
        assertThat(expect(server.get("/api/v3/core/users/" + alicePk + "/", ADMIN), 200).get("name").asString())
                .isEqualTo("alice name");
    }

    @Test
    void meWhenNonSuperuserTokenThenOwnUserInAuthentikShape() {
        JsonNode body = expect(server.get("/api/v3/core/users/me/", aliceKey), 200);

        assertThat(body.has("user")).isTrue();
        JsonNode user = body.get("user");
        assertThat(user.get("pk").asLong()).isEqualTo(alicePk);
        assertThat(user.get("username").asString()).isEqualTo("alice");
        assertThat(user.get("is_superuser").booleanValue()).isFalse();
        assertThat(user.get("groups")).isEmpty();
    }

    @Test
    void meWhenAdminTokenThenSuperuser() {
        JsonNode user = expect(server.get("/api/v3/core/users/me/", ADMIN), 200).get("user");
        assertThat(user.get("username").asString()).isEqualTo("akadmin");
        assertThat(user.get("is_superuser").booleanValue()).isTrue();
    }

    @Test
    void listTokensWhenNonSuperuserThenOnlyOwnTokens() {
        long erinPk = createUser(server, "erin");
        String erinKey = createToken(server, "erin-api", "api", erinPk);
        createToken(server, "erin-app", "app_password", erinPk);

        JsonNode body = expect(server.get("/api/v3/core/tokens/?ordering=identifier", erinKey), 200);

        assertThat(texts(body.get("results"), "identifier")).containsExactly("erin-api", "erin-app");
        assertThat(body.get("pagination").get("count").asInt()).isEqualTo(2);
        for (JsonNode t : body.get("results")) {
            assertThat(t.get("user").asLong()).isEqualTo(erinPk);
            assertThat(t.has("key")).isFalse();
        }
        JsonNode filtered = expect(server.get("/api/v3/core/tokens/?user=" + bobPk, erinKey), 200);
        assertThat(filtered.get("results")).isEmpty();
        JsonNode searched = expect(server.get("/api/v3/core/tokens/?search=bob", erinKey), 200);
        assertThat(searched.get("results")).isEmpty();
        JsonNode all = expect(server.get("/api/v3/core/tokens/", ADMIN), 200);
        assertThat(texts(all.get("results"), "identifier")).contains("erin-api", "bob-api", "authentik-bootstrap-token");
    }

    @Test
    void otherUsersTokenWhenNonSuperuserThen404() {
        for (String path : new String[] {"/api/v3/core/tokens/bob-api/", "/api/v3/core/tokens/authentik-bootstrap-token/",
                "/api/v3/core/tokens/bob-api/view_key/"}) {
            JsonNode body = expect(server.get(path, aliceKey), 404);
            assertThat(body.get("detail").asString()).isEqualTo("Not found.");
        }
        expect(server.send("PATCH", "/api/v3/core/tokens/bob-api/", aliceKey, obj("description", "mine now")), 404);
        expect(server.send("PUT", "/api/v3/core/tokens/bob-api/", aliceKey, obj("identifier", "bob-api")), 404);
        expect(server.send("DELETE", "/api/v3/core/tokens/bob-api/", aliceKey, null), 404);

        JsonNode bobs = expect(server.get("/api/v3/core/tokens/bob-api/", ADMIN), 200);
        assertThat(bobs.get("description").asString()).isNotEqualTo("mine now");
        assertThat(bobs.get("user").asLong()).isEqualTo(bobPk);
    }

    @Test
    void createTokenWhenNonSuperuserThenOwnApiAndAppPasswordTokens() {
        JsonNode api = expect(server.send("POST", "/api/v3/core/tokens/", aliceKey,
                obj("identifier", "alice-second", "intent", "api")), 201);
        assertThat(api.get("user").asLong()).isEqualTo(alicePk);
        expect(server.get("/api/v3/core/users/me/", api.get("key").asString()), 200);

        JsonNode app = expect(server.send("POST", "/api/v3/core/tokens/", aliceKey,
                obj("identifier", "alice-app", "intent", "app_password")), 201);
        assertThat(app.get("user").asLong()).isEqualTo(alicePk);
        assertThat(app.get("intent").asString()).isEqualTo("app_password");
    }

    @Test
    void createTokenForOtherUserWhenNonSuperuserThen400() {
        JsonNode body = expect(server.send("POST", "/api/v3/core/tokens/", aliceKey,
                obj("identifier", "alice-for-bob", "intent", "api", "user", bobPk)), 400);
        assertThat(body.has("user")).isTrue();
        expect(server.get("/api/v3/core/tokens/alice-for-bob/", ADMIN), 404);
    }

    @Test
    void createNonExpiringTokenWhenNonSuperuserThen400() {
        JsonNode body = expect(server.send("POST", "/api/v3/core/tokens/", aliceKey,
                obj("identifier", "alice-forever", "intent", "api", "expiring", false)), 400);
        assertThat(body.has("expiring")).isTrue();
        expect(server.get("/api/v3/core/tokens/alice-forever/", ADMIN), 404);
    }

    @Test
    void createRecoveryTokenWhenNonSuperuserThen400() {
        JsonNode body = expect(server.send("POST", "/api/v3/core/tokens/", aliceKey,
                obj("identifier", "alice-recovery", "intent", "recovery")), 400);
        assertThat(body.has("intent")).isTrue();
        expect(server.get("/api/v3/core/tokens/alice-recovery/", ADMIN), 404);
    }

    @Test
    void patchOwnTokenIntentWhenNonSuperuserThen400() {
        expect(server.send("POST", "/api/v3/core/tokens/", aliceKey, obj("identifier", "alice-third", "intent", "api")), 201);
        JsonNode body = expect(server.send("PATCH", "/api/v3/core/tokens/alice-third/", aliceKey,
                obj("intent", "recovery")), 400);
        assertThat(body.has("intent")).isTrue();
    }
}
