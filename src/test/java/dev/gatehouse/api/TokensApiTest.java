package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.adminPk;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.TokenStore;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code core/tokens/}: the key is shown once, works as Bearer, is never readable again, dies with the token. */
class TokensApiTest {
    private static final String TOKENS = "/api/v3/core/tokens/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode create(String identifier) {
        return expect(server.send("POST", TOKENS, ADMIN, obj("identifier", identifier, "intent", "api",
                "description", "for " + identifier)), 201);
    }

    @Test
    void createTokenThenKeyOnlyInCreateResponse() {
        JsonNode created = create("ci-token");

        String key = created.get("key").asString();
        assertThat(key).hasSize(64).matches("[A-Za-z0-9_-]+");
        assertThat(created.get("identifier").asString()).isEqualTo("ci-token");
        assertThat(created.get("intent").asString()).isEqualTo("api");
        assertThat(created.get("user").asLong()).isEqualTo(adminPk(server));
        assertThat(created.get("user_obj").get("username").asString()).isEqualTo("akadmin");
        assertThat(created.get("expiring").booleanValue()).isTrue();
        assertThat(Instant.parse(created.get("expires").asString())).isAfter(Instant.now());

        HttpResponse<String> get = server.get(TOKENS + "ci-token/", ADMIN);
        JsonNode read = expect(get, 200);
        assertThat(read.has("key")).isFalse();
        assertThat(get.body()).doesNotContain(key);
        assertThat(server.get(TOKENS, ADMIN).body()).doesNotContain(key).doesNotContain("\"key\"");
        assertThat(read.get("identifier").asString()).isEqualTo("ci-token");
        assertThat(read.get("description").asString()).isEqualTo("for ci-token");
    }

    @Test
    void createTokenThenOnlyHashStored() {
        String key = create("hash-token").get("key").asString();
        var stored = new TokenStore(server.gatehouse().database().dsl()).byIdentifier("hash-token").orElseThrow();
        assertThat(stored.keyHash()).isEqualTo(Secrets.sha256Hex(key)).isNotEqualTo(key);
    }

    @Test
    void newKeyWorksAsBearer() {
        String key = create("bearer-token").get("key").asString();
        JsonNode me = expect(server.get("/api/v3/core/users/me/", key), 200);
        assertThat(me.get("user").get("username").asString()).isEqualTo("akadmin");
        expect(server.get("/api/v3/core/users/", key), 200);
        expect(server.get("/api/v3/core/users/", "bearer-token"), 401);
    }

    @Test
    void twoTokensThenDifferentKeys() {
        assertThat(create("twin-1").get("key").asString()).isNotEqualTo(create("twin-2").get("key").asString());
    }

    @Test
    void viewKeyThen410() {
        String key = create("view-token").get("key").asString();
        HttpResponse<String> r = server.get(TOKENS + "view-token/view_key/", ADMIN);
        JsonNode body = expect(r, 410);
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(r.body()).doesNotContain(key);
        expect(server.get(TOKENS + "no-such-token/view_key/", ADMIN), 404);
    }

    @Test
    void createTokenWhenIdentifierTakenThen400Identifier() {
        create("dup-token");
        JsonNode body = expect(server.send("POST", TOKENS, ADMIN, obj("identifier", "dup-token", "intent", "api")), 400);
        assertThat(body.propertyNames()).containsExactly("identifier");
        assertThat(body.has("key")).isFalse();
    }

    @Test
    void createTokenWhenIdentifierMissingOrInvalidThen400Identifier() {
        assertThat(expect(server.send("POST", TOKENS, ADMIN, obj("intent", "api")), 400).propertyNames())
                .containsExactly("identifier");
        assertThat(expect(server.send("POST", TOKENS, ADMIN, obj("identifier", "with space")), 400).propertyNames())
                .containsExactly("identifier");
    }

    @Test
    void createTokenWhenBadIntentOrUserOrExpiresThen400() {
        assertThat(expect(server.send("POST", TOKENS, ADMIN, obj("identifier", "bad-intent", "intent", "root")), 400)
                .propertyNames()).containsExactly("intent");
        assertThat(expect(server.send("POST", TOKENS, ADMIN, obj("identifier", "bad-user", "user", 999999)), 400)
                .propertyNames()).containsExactly("user");
        assertThat(expect(server.send("POST", TOKENS, ADMIN, obj("identifier", "bad-expires", "expires", "tomorrow")), 400)
                .propertyNames()).containsExactly("expires");
        expect(server.get(TOKENS + "bad-user/", ADMIN), 404);
    }

    @Test
    void createTokenWhenExpiresNotAStringThen400Expires() {
        for (Object expires : new Object[] {Map.of(), List.of(1), 12345, true}) {
            JsonNode body = expect(server.send("POST", TOKENS, ADMIN, obj("identifier", "typed-expires",
                    "expires", expires)), 400);
            assertThat(body.propertyNames()).as(String.valueOf(expires)).containsExactly("expires");
        }
        expect(server.get(TOKENS + "typed-expires/", ADMIN), 404);
    }

    @Test
    void patchTokenThenChangedAndKeyStillWorks() {
        String key = create("patch-token").get("key").asString();
        JsonNode after = expect(server.send("PATCH", TOKENS + "patch-token/", ADMIN,
                obj("description", "changed", "expiring", false)), 200);
        assertThat(after.get("description").asString()).isEqualTo("changed");
        assertThat(after.get("expiring").booleanValue()).isFalse();
        assertThat(after.has("key")).isFalse();
        expect(server.get("/api/v3/core/users/me/", key), 200);
    }

    @Test
    void deleteTokenThen204AndKeyNoLongerAuthenticates() {
        String key = create("delete-token").get("key").asString();
        expect(server.get("/api/v3/core/users/me/", key), 200);

        HttpResponse<String> r = server.send("DELETE", TOKENS + "delete-token/", ADMIN, null);

        assertThat(r.statusCode()).isEqualTo(204);
        expect(server.get(TOKENS + "delete-token/", ADMIN), 404);
        JsonNode denied = expect(server.get("/api/v3/core/users/me/", key), 401);
        assertThat(denied.get("detail").asString()).isNotBlank();
    }

    @Test
    void deleteOwnTokenThenItStopsWorkingImmediately() {
        String key = create("self-delete").get("key").asString();
        expect(server.send("DELETE", TOKENS + "self-delete/", key, null), 204);
        expect(server.get(TOKENS, key), 401);
    }

    @Test
    void nonSuperuserTokenExpiryBeyondOneYearThen400ExpiresAndNothingCreated() {
        long pk = ApiTestSupport.createUser(server, "capped-user");
        String key = ApiTestSupport.createToken(server, "capped-user-key", "api", pk);
        for (String intent : List.of("api", "app_password")) {
            JsonNode body = expect(server.send("POST", TOKENS, key, obj("identifier", "far-" + intent, "intent", intent,
                    "expires", "9999-12-31T00:00:00Z")), 400);
            assertThat(body.propertyNames()).containsExactly("expires");
            assertThat(body.get("expires").get(0).asString()).contains("365 days");
            expect(server.get(TOKENS + "far-" + intent + "/", ADMIN), 404);
        }
        String withinAYear = Instant.now().plus(java.time.Duration.ofDays(364)).toString();
        JsonNode ok = expect(server.send("POST", TOKENS, key, obj("identifier", "near-api", "intent", "api",
                "expires", withinAYear)), 201);
        assertThat(Instant.parse(ok.get("expires").asString())).isBefore(Instant.now().plus(java.time.Duration.ofDays(365)));

        JsonNode patched = expect(server.send("PATCH", TOKENS + "near-api/", key,
                obj("expires", "9999-12-31T00:00:00Z")), 400);
        assertThat(patched.propertyNames()).containsExactly("expires");
        assertThat(Instant.parse(expect(server.get(TOKENS + "near-api/", ADMIN), 200).get("expires").asString()))
                .isBefore(Instant.now().plus(java.time.Duration.ofDays(365)));
        // A description-only change of a token whose expiry an admin set stays allowed.
        expect(server.send("PATCH", TOKENS + "capped-user-key/", key, obj("description", "mine")), 200);
    }

    @Test
    void superuserTokenExpiryIsNotCapped() {
        JsonNode created = expect(server.send("POST", TOKENS, ADMIN, obj("identifier", "admin-far", "intent", "api",
                "expires", "9999-12-31T00:00:00Z")), 201);
        assertThat(created.get("expires").asString()).startsWith("9999-12-31");
    }
}
