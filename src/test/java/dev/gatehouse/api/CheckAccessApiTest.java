package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.adminPk;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code core/applications/<slug>/check_access/?for_user=}: the application-access decision over HTTP. */
class CheckAccessApiTest {
    private static final String APPS = "/api/v3/core/applications/";
    private static final String BINDINGS = "/api/v3/policies/bindings/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String app(String slug, String mode) {
        return expect(server.send("POST", APPS, ADMIN, obj("name", slug, "slug", slug, "policy_engine_mode", mode)), 201)
                .get("pk").asString();
    }

    private static JsonNode check(String slug, Object forUser) {
        String query = forUser == null ? "" : "?for_user=" + forUser;
        return expect(server.get(APPS + slug + "/check_access/" + query, ADMIN), 200);
    }

    @Test
    void checkAccessWhenNoBindingsThenPassingWithoutBinding() {
        app("ca-open", "any");
        long user = createUser(server, "ca-open-user");
        JsonNode r = check("ca-open", user);
        assertThat(r.get("passing").booleanValue()).isTrue();
        assertThat(r.get("messages")).isEmpty();
        assertThat(r.get("binding").isNull()).isTrue();
    }

    @Test
    void checkAccessWhenGroupBindingThenMembersThroughParentPassAndBindingNamed() {
        String target = app("ca-group", "any");
        String parent = expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "ca-parent")), 201)
                .get("pk").asString();
        String child = expect(server.send("POST", "/api/v3/core/groups/", ADMIN,
                obj("name", "ca-child", "parents", java.util.List.of(parent))), 201).get("pk").asString();
        long member = createUser(server, "ca-member");
        long outsider = createUser(server, "ca-outsider");
        expect(server.send("POST", "/api/v3/core/groups/" + child + "/add_user/", ADMIN, obj("pk", member)), 204);
        String binding = expect(server.send("POST", BINDINGS, ADMIN, obj("target", target, "group", parent,
                "order", 7)), 201).get("pk").asString();

        JsonNode yes = check("ca-group", member);
        assertThat(yes.get("passing").booleanValue()).isTrue();
        assertThat(yes.get("binding")).isEqualTo(ApiTestSupport.JSON.readTree(obj("pk", binding, "order", 7,
                "kind", "group", "name", "ca-parent")));
        assertThat(check("ca-group", outsider).get("passing").booleanValue()).isFalse();
    }

    @Test
    void checkAccessWhenPolicyFailsInAllModeThenMessagesAndPolicyBinding() {
        String target = app("ca-all", "all");
        long user = createUser(server, "ca-all-user");
        String weak = expect(server.send("POST", "/api/v3/policies/password/", ADMIN, obj("name", "ca-password",
                "length_min", 8, "error_message", "Password too short")), 201).get("pk").asString();
        expect(server.send("POST", BINDINGS, ADMIN, obj("target", target, "user", user, "order", 0)), 201);
        String failing = expect(server.send("POST", BINDINGS, ADMIN, obj("target", target, "policy", weak,
                "order", 1)), 201).get("pk").asString();

        JsonNode r = check("ca-all", user);
        assertThat(r.get("passing").booleanValue()).isFalse();
        assertThat(r.get("messages").get(0).asString()).isEqualTo("Password not set in context");
        assertThat(r.get("binding").get("pk").asString()).isEqualTo(failing);
        assertThat(r.get("binding").get("kind").asString()).isEqualTo("policy");
        assertThat(r.get("binding").get("name").asString()).isEqualTo("ca-password");
    }

    @Test
    void checkAccessWhenForUserMissingThenTheCaller() {
        String target = app("ca-caller", "any");
        long other = createUser(server, "ca-caller-other");
        expect(server.send("POST", BINDINGS, ADMIN, obj("target", target, "user", adminPk(server), "order", 0)), 201);
        JsonNode r = check("ca-caller", null);
        assertThat(r.get("passing").booleanValue()).isTrue();
        assertThat(r.get("binding").get("kind").asString()).isEqualTo("user");
        assertThat(r.get("binding").get("name").asString()).isEqualTo("akadmin");
        assertThat(check("ca-caller", other).get("passing").booleanValue()).isFalse();
    }

    @Test
    void checkAccessWhenForUserUnknownOrNotANumberThen400NamingForUser() {
        app("ca-bad", "any");
        for (String bad : new String[] {"999999", "abc"}) {
            JsonNode body = expect(server.get(APPS + "ca-bad/check_access/?for_user=" + bad, ADMIN), 400);
            assertThat(body.propertyNames()).as(bad).containsExactly("for_user");
        }
    }

    @Test
    void checkAccessWhenNotSuperuserOrUnknownAppThenRefused() {
        app("ca-guarded", "any");
        long user = createUser(server, "ca-plain");
        String token = createToken(server, "ca-plain-token", "api", user);
        expect(server.get(APPS + "ca-guarded/check_access/?for_user=" + user, token), 403);
        expect(server.get(APPS + "ca-missing/check_access/", ADMIN), 404);
    }
}
