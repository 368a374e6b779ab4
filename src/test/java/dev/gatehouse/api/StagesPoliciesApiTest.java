package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.modelEvents;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code stages/...}, {@code policies/...} and {@code policies/bindings/}: typed resources generated from the registries. */
class StagesPoliciesApiTest {
    private static final String STAGES = "/api/v3/stages/";
    private static final String POLICIES = "/api/v3/policies/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void passwordStageCrudThenConfigAtTopLevelAndListedInAll() {
        JsonNode s = expect(server.send("POST", STAGES + "password/", ADMIN, obj("name", "api-pw",
                "failed_attempts_before_cancel", 3)), 201);
        String pk = s.get("pk").asString();
        assertThat(s.get("component").asString()).isEqualTo("ak-stage-password-form");
        assertThat(s.get("meta_model_name").asString()).isEqualTo("authentik_stages_password.passwordstage");
        assertThat(s.get("failed_attempts_before_cancel").asInt()).isEqualTo(3);
        assertThat(s.get("backends").get(0).asString()).isEqualTo("authentik.core.auth.InbuiltBackend");

        JsonNode patched = expect(server.send("PATCH", STAGES + "password/" + pk + "/", ADMIN,
                obj("allow_show_password", true)), 200);
        assertThat(patched.get("allow_show_password").booleanValue()).isTrue();
        assertThat(patched.get("failed_attempts_before_cancel").asInt()).isEqualTo(3);
        JsonNode put = expect(server.send("PUT", STAGES + "password/" + pk + "/", ADMIN, obj("name", "api-pw")), 200);
        assertThat(put.get("failed_attempts_before_cancel").asInt()).isEqualTo(5);
        assertThat(expect(server.get(STAGES + "all/" + pk + "/", ADMIN), 200)).isEqualTo(put);
        assertThat(texts(expect(server.get(STAGES + "all/?name=api-pw", ADMIN), 200).get("results"), "pk"))
                .containsExactly(pk);
        expect(server.get(STAGES + "deny/" + pk + "/", ADMIN), 404);
        assertThat(modelEvents(server, "model_updated", "api-pw")).hasSize(2);

        expect(server.send("DELETE", STAGES + "all/" + pk + "/", ADMIN, null), 204);
        expect(server.get(STAGES + "password/" + pk + "/", ADMIN), 404);
    }

    @Test
    void stageWhenBadConfigOrTakenNameThen400NamingTheField() {
        expect(server.send("POST", STAGES + "deny/", ADMIN, obj("name", "api-dup-stage")), 201);
        Map<String, String> cases = Map.of(
                "password/", obj("name", "a1", "failed_attempts_before_cancel", -2),
                "identification/", obj("name", "a2", "user_fields", List.of("shoe_size")),
                "user_login/", obj("name", "a3", "session_duration", "forever"),
                "consent/", obj("name", "a4", "mode", "sometimes"),
                "prompt/stages/", obj("name", "a5", "fields", List.of(Map.of("label", "no key", "type", "text"))),
                "user_write/", obj("name", "a6", "user_creation_mode", "maybe"));
        Map<String, String> field = Map.of("password/", "failed_attempts_before_cancel", "identification/",
                "user_fields", "user_login/", "session_duration", "consent/", "mode", "prompt/stages/", "fields",
                "user_write/", "user_creation_mode");
        cases.forEach((path, body) -> assertThat(expect(server.send("POST", STAGES + path, ADMIN, body), 400)
                .propertyNames()).as(path).containsExactly(field.get(path)));
        assertThat(expect(server.send("POST", STAGES + "prompt/stages/", ADMIN, obj("name", "a7", "fields",
                List.of("00000000-0000-0000-0000-000000000007"))), 400).get("fields").get(0).asString())
                .contains("object does not exist");
        assertThat(expect(server.send("POST", STAGES + "initial_setup/", ADMIN, obj("name", "a8", "username", " ")), 400)
                .propertyNames()).containsExactly("username");
        assertThat(expect(server.send("POST", STAGES + "user_logout/", ADMIN, obj("name", "api-dup-stage")), 400)
                .propertyNames()).containsExactly("name");
        String email = expect(server.send("POST", STAGES + "prompt/prompts/", ADMIN, obj("name", "api-prompt-email",
                "field_key", "email", "label", "Email", "type", "email")), 201).get("pk").asString();
        assertThat(expect(server.send("POST", STAGES + "prompt/stages/", ADMIN, obj("name", "api-prompt", "fields",
                List.of(email))), 201).get("fields").get(0).asString()).isEqualTo(email);
    }

    @Test
    void policiesPerTypeThenValidatedListedInAllAndDeleted() {
        assertThat(expect(server.send("POST", POLICIES + "expression/", ADMIN, obj("name", "api-expr")), 400)
                .propertyNames()).containsExactly("expression");
        assertThat(expect(server.send("POST", POLICIES + "password/", ADMIN, obj("name", "api-pwp",
                "amount_digits", -1)), 400).propertyNames()).containsExactly("amount_digits");
        JsonNode d = expect(server.send("POST", POLICIES + "dummy/", ADMIN, obj("name", "api-dummy", "result", true,
                "wait_min", 0, "wait_max", 1)), 201);
        assertThat(d.get("component").asString()).isEqualTo("ak-policy-dummy-form");
        assertThat(d.get("result").booleanValue()).isTrue();
        assertThat(expect(server.send("POST", POLICIES + "dummy/", ADMIN, obj("name", "api-dummy")), 400)
                .propertyNames()).containsExactly("name");
        String pk = d.get("pk").asString();
        assertThat(texts(expect(server.get(POLICIES + "all/?name=api-dummy", ADMIN), 200).get("results"), "pk"))
                .containsExactly(pk);
        expect(server.send("DELETE", POLICIES + "dummy/" + pk + "/", ADMIN, null), 204);
        expect(server.get(POLICIES + "all/" + pk + "/", ADMIN), 404);
        assertThat(modelEvents(server, "model_deleted", "api-dummy")).hasSize(1);
    }

    @Test
    void expressionPolicyWhenExpressionDoesNotCompileThen400WithCompilerMessage() {
        JsonNode bad = expect(server.send("POST", POLICIES + "expression/", ADMIN, obj("name", "api-bad-expr",
                "expression", "request.user.is_active &&\n  usr.username == 'x'")), 400);
        assertThat(bad.propertyNames()).containsExactly("expression");
        assertThat(bad.get("expression").get(0).asString()).contains("expression:2:3")
                .contains("undeclared reference to 'usr'").contains("| ");
        JsonNode typed = expect(server.send("POST", POLICIES + "expression/", ADMIN, obj("name", "api-bad-expr",
                "expression", "size(user.groups)")), 400);
        assertThat(typed.get("expression").get(0).asString()).contains("bool");
        JsonNode ok = expect(server.send("POST", POLICIES + "expression/", ADMIN, obj("name", "api-good-expr",
                "expression", "ak_is_group_member(request.user, 'authentik Admins')")), 201);
        String pk = ok.get("pk").asString();
        expect(server.send("PATCH", POLICIES + "expression/" + pk + "/", ADMIN, obj("expression", "1 +")), 400);
        expect(server.send("DELETE", POLICIES + "expression/" + pk + "/", ADMIN, null), 204);
    }

    @Test
    void policyBindingWhenNotExactlyOneSubjectThenAuthentikNonFieldError() {
        String flow = FlowsApiTest.createFlow(server, "api-pb-flow", "authorization").get("pk").asString();
        String group = ApiTestSupport.adminGroupPk(server);
        String policy = expect(server.send("POST", POLICIES + "expression/", ADMIN, obj("name", "api-pb-expr",
                "expression", "true")), 201).get("pk").asString();
        JsonNode both = expect(server.send("POST", POLICIES + "bindings/", ADMIN, obj("target", flow, "policy", policy,
                "group", group, "order", 0)), 400);
        assertThat(both).isEqualTo(ApiTestSupport.JSON.readTree(
                "{\"non_field_errors\": [\"Only one of 'policy', 'group' or 'user' can be set.\"]}"));
        expect(server.send("POST", POLICIES + "bindings/", ADMIN, obj("target", flow, "order", 0)), 400);

        JsonNode b = expect(server.send("POST", POLICIES + "bindings/", ADMIN, obj("target", flow, "policy", policy,
                "order", 0, "negate", true)), 201);
        assertThat(b.get("timeout").asInt()).isEqualTo(30);
        assertThat(b.get("enabled").booleanValue()).isTrue();
        assertThat(b.get("target_kind").asString()).isEqualTo("flow");
        String pk = b.get("pk").asString();
        expect(server.send("PATCH", POLICIES + "bindings/" + pk + "/", ADMIN, obj("group", group)), 400);
        JsonNode moved = expect(server.send("PATCH", POLICIES + "bindings/" + pk + "/", ADMIN,
                obj("group", group, "policy", null, "enabled", false)), 200);
        assertThat(moved.get("group").asString()).isEqualTo(group);
        assertThat(moved.get("policy").isNull()).isTrue();
        assertThat(texts(expect(server.get(POLICIES + "bindings/?enabled=false&target=" + flow, ADMIN), 200)
                .get("results"), "pk")).containsExactly(pk);
        expect(server.send("DELETE", POLICIES + "bindings/" + pk + "/", ADMIN, null), 204);
        expect(server.get(POLICIES + "bindings/" + pk + "/", ADMIN), 404);
    }
}
