package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.modelEvents;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code flows/instances/} (by slug) and {@code flows/bindings/}: CRUD, filters, unique slug and order, cascade. */
class FlowsApiTest {
    private static final String FLOWS = "/api/v3/flows/instances/";
    private static final String BINDINGS = "/api/v3/flows/bindings/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode createFlow(TestServer server, String slug, String designation) {
        return expect(server.send("POST", FLOWS, ADMIN, obj("slug", slug, "name", slug + " name", "title", "Welcome",
                "designation", designation)), 201);
    }

    static String createStage(TestServer server, String path, String name) {
        return expect(server.send("POST", "/api/v3/stages/" + path + "/", ADMIN, obj("name", name)), 201)
                .get("pk").asString();
    }

    @Test
    void flowCrudBySlugThenFieldsFiltersAndEvents() {
        JsonNode f = createFlow(server, "api-login", "authentication");
        assertThat(f.get("pk").asString()).hasSize(36);
        assertThat(f.get("layout").asString()).isEqualTo("stacked");
        assertThat(f.get("authentication").asString()).isEqualTo("none");
        assertThat(expect(server.get(FLOWS + "api-login/", ADMIN), 200)).isEqualTo(f);
        assertThat(texts(expect(server.get(FLOWS + "?designation=authentication&slug=api-login", ADMIN), 200)
                .get("results"), "slug")).containsExactly("api-login");

        JsonNode patched = expect(server.send("PATCH", FLOWS + "api-login/", ADMIN,
                obj("slug", "api-login-2", "denied_action", "continue")), 200);
        assertThat(patched.get("denied_action").asString()).isEqualTo("continue");
        expect(server.get(FLOWS + "api-login/", ADMIN), 404);
        expect(server.send("DELETE", FLOWS + "api-login-2/", ADMIN, null), 204);
        expect(server.get(FLOWS + "api-login-2/", ADMIN), 404);
        assertThat(modelEvents(server, "model_deleted", "api-login name")).hasSize(1);
        assertThat(modelEvents(server, "model_created", "api-login name")).hasSize(1);
    }

    @Test
    void flowWhenSlugTakenOrBadEnumThen400NamingField() {
        createFlow(server, "api-dup", "invalidation");
        assertThat(expect(server.send("POST", FLOWS, ADMIN, obj("slug", "api-dup", "name", "x", "title", "x",
                "designation", "invalidation")), 400).propertyNames()).containsExactly("slug");
        assertThat(expect(server.send("POST", FLOWS, ADMIN, obj("slug", "api-enum", "name", "x", "title", "x",
                "designation", "teleport")), 400).propertyNames()).containsExactly("designation");
        assertThat(expect(server.send("PATCH", FLOWS + "api-dup/", ADMIN, obj("layout", "upside_down")), 400)
                .propertyNames()).containsExactly("layout");
    }

    @Test
    void bindingsThenOrderUniquePerFlowFilterAndCascadeOnFlowDelete() {
        String flow = createFlow(server, "api-bound", "authentication").get("pk").asString();
        String stage = createStage(server, "deny", "api-bound-deny");
        JsonNode b = expect(server.send("POST", BINDINGS, ADMIN, obj("target", flow, "stage", stage, "order", 10)), 201);
        assertThat(b.get("re_evaluate_policies").booleanValue()).isTrue();
        assertThat(b.get("evaluate_on_plan").booleanValue()).isFalse();
        assertThat(b.get("invalid_response_action").asString()).isEqualTo("retry");
        assertThat(expect(server.send("POST", BINDINGS, ADMIN, obj("target", flow, "stage", stage, "order", 10)), 400)
                .get("non_field_errors").get(0).asString()).isEqualTo("The fields target, stage, order must make a unique set.");
        assertThat(expect(server.send("POST", BINDINGS, ADMIN, obj("target", flow, "stage", stage, "order", 20,
                "invalid_response_action", "panic")), 400).propertyNames()).containsExactly("invalid_response_action");
        assertThat(texts(expect(server.get(BINDINGS + "?target=" + flow, ADMIN), 200).get("results"), "pk"))
                .containsExactly(b.get("pk").asString());
        assertThat(expect(server.get(FLOWS + "api-bound/", ADMIN), 200).get("stages").get(0).asString())
                .isEqualTo(stage);
        String pb = expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", b.get("pk").asString(),
                "group", ApiTestSupport.adminGroupPk(server), "order", 0)), 201).get("pk").asString();

        expect(server.send("DELETE", FLOWS + "api-bound/", ADMIN, null), 204);

        expect(server.get(BINDINGS + b.get("pk").asString() + "/", ADMIN), 404);
        expect(server.get("/api/v3/policies/bindings/" + pb + "/", ADMIN), 404);
        expect(server.get("/api/v3/stages/all/" + stage + "/", ADMIN), 200);
    }

    @Test
    void flowsWhenNotSuperuserThen403() {
        long user = createUser(server, "flow-nobody");
        String token = createToken(server, "flow-nobody-token", "api", user);
        expect(server.get(FLOWS, token), 403);
        expect(server.send("POST", FLOWS, token, obj("slug", "x")), 403);
    }
}
