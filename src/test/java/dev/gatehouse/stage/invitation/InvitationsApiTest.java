package dev.gatehouse.stage.invitation;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.adminGroupPk;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.modelEvents;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code stages/invitation/invitations/} and the invitation stage through the running server: CRUD, 400s in
 * authentik's shape, the caller as {@code created_by}, filters; and seed 004's invitation enrollment through the
 * flow executor API and the flow pages, with the link's {@code ?itoken=}.
 */
class InvitationsApiTest {
    private static final String INVITATIONS = "/api/v3/stages/invitation/invitations/";
    private static TestServer server;
    private static String flowPk;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        flowPk = enrollmentFlow("enrollment-invitation");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Seed 004's enrollment-invitation flow: invitation (10), prompt (20), write (30); its pk. */
    static String enrollmentFlow(String slug) {
        JsonNode flow = expect(server.send("POST", "/api/v3/flows/instances/", ADMIN, obj("name", "Enrollment Invitation",
                "slug", slug, "title", "Enrollment Invitation", "designation", "enrollment")), 201);
        JsonNode invitation = expect(server.send("POST", "/api/v3/stages/invitation/stages/", ADMIN,
                obj("name", slug, "continue_flow_without_invitation", false)), 201);
        assertThat(invitation.get("component").asString()).isEqualTo("ak-stage-invitation-form");
        assertThat(invitation.get("meta_model_name").asString()).isEqualTo("authentik_stages_invitation.invitationstage");
        JsonNode write = expect(server.send("POST", "/api/v3/stages/user_write/", ADMIN,
                obj("name", slug + "-write", "user_type", "internal")), 201);
        bind(flow, invitation, 10);
        bind(flow, promptStage(slug + "-prompt"), 20);
        bind(flow, write, 30);
        return flow.get("pk").asString();
    }

    /** The one place this test names the prompt stage's config: username, name, email, password. */
    private static JsonNode promptStage(String name) {
        List<String> pks = new java.util.ArrayList<>();
        for (String field : List.of(field(name, "username", "username", 1), field(name, "name", "text", 2),
                field(name, "email", "email", 3), field(name, "password", "password", 4))) {
            pks.add("\"" + expect(server.send("POST", "/api/v3/stages/prompt/prompts/", ADMIN, field), 201)
                    .get("pk").asString() + "\"");
        }
        return expect(server.send("POST", "/api/v3/stages/prompt/stages/", ADMIN,
                "{\"name\":\"" + name + "\",\"fields\":[" + String.join(",", pks) + "]}"), 201);
    }

    private static String field(String stage, String key, String type, int order) {
        return obj("name", stage + "-field-" + key, "field_key", key, "label", key, "type", type, "required", true,
                "order", order);
    }

    private static void bind(JsonNode flow, JsonNode stage, int order) {
        expect(server.send("POST", "/api/v3/flows/bindings/", ADMIN, obj("target", flow.get("pk").asString(),
                "stage", stage.get("pk").asString(), "order", order)), 201);
    }

    private static JsonNode create(String body) {
        return expect(server.send("POST", INVITATIONS, ADMIN, body), 201);
    }

    private static Map<String, Object> signUp(String username) {
        return Map.of("component", "ak-stage-prompt", "username", username, "name", "New " + username,
                "email", username + "@example.org", "password", "Pw-" + username + "-12345");
    }

    @Test
    void crudWithTheCallerAsCreatorAndModelEvents() {
        Instant expires = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode i = create(obj("name", "family-jane", "expires", expires.toString(), "single_use", true,
                "flow", flowPk, "created_by", 12345));
        String pk = i.get("pk").asString();
        assertThat(pk).hasSize(36);
        assertThat(i.get("name").asString()).isEqualTo("family-jane");
        assertThat(Instant.parse(i.get("expires").asString())).isEqualTo(expires);
        assertThat(i.get("single_use").asBoolean()).isTrue();
        assertThat(i.get("fixed_data").isObject() && i.get("fixed_data").isEmpty()).isTrue();
        assertThat(i.get("flow").asString()).isEqualTo(flowPk);
        assertThat(i.get("flow_obj").get("slug").asString()).isEqualTo("enrollment-invitation");
        assertThat(i.get("created_by").get("username").asString()).as("the caller, whatever is sent").isEqualTo("akadmin");
        assertThat(i.get("created").isString()).isTrue();
        assertThat(expect(server.get(INVITATIONS + pk + "/", ADMIN), 200)).isEqualTo(i);

        JsonNode patched = expect(server.send("PATCH", INVITATIONS + pk + "/", ADMIN,
                "{\"fixed_data\":{\"email\":\"jane@example.org\"},\"expires\":null,\"flow\":null}"), 200);
        assertThat(patched.get("fixed_data").get("email").asString()).isEqualTo("jane@example.org");
        assertThat(patched.get("expires").isNull()).isTrue();
        assertThat(patched.get("flow").isNull()).isTrue();
        assertThat(patched.get("flow_obj").isNull()).isTrue();
        assertThat(patched.get("single_use").asBoolean()).as("kept").isTrue();
        expect(server.send("PUT", INVITATIONS + pk + "/", ADMIN, obj("single_use", false)), 400);
        JsonNode put = expect(server.send("PUT", INVITATIONS + pk + "/", ADMIN, obj("name", "family-jane-2")), 200);
        assertThat(put.get("name").asString()).isEqualTo("family-jane-2");

        expect(server.send("DELETE", INVITATIONS + pk + "/", ADMIN, null), 204);
        expect(server.get(INVITATIONS + pk + "/", ADMIN), 404);
        expect(server.get(INVITATIONS + "not-a-uuid/", ADMIN), 404);
        assertThat(modelEvents(server, "model_created", "family-jane")).hasSize(1);
        assertThat(modelEvents(server, "model_updated", "family-jane-2")).hasSize(1);
        assertThat(modelEvents(server, "model_deleted", "family-jane-2")).hasSize(1);
    }

    @Test
    void createdByIsWhoeverCallsAndOnlySuperusersMayCall() {
        long ops = createUser(server, "inv-ops");
        String plain = createToken(server, "inv-ops-token", "api", ops);
        expect(server.get(INVITATIONS, plain), 403);
        expect(server.send("POST", INVITATIONS, plain, obj("name", "nope")), 403);
        expect(server.send("POST", "/api/v3/core/groups/" + adminGroupPk(server) + "/add_user/", ADMIN,
                obj("pk", ops)), 204);
        JsonNode mine = expect(server.send("POST", INVITATIONS, plain, obj("name", "by-ops")), 201);
        assertThat(mine.get("created_by").get("username").asString()).isEqualTo("inv-ops");
        assertThat(mine.get("created_by").get("pk").asLong()).isEqualTo(ops);
    }

    @Test
    void badInputIsA400PerFieldAndWritesNothing() {
        long before = expect(server.get(INVITATIONS, ADMIN), 200).get("pagination").get("count").asLong();
        assertThat(expect(server.send("POST", INVITATIONS, ADMIN, obj("single_use", true)), 400).get("name").get(0)
                .asString()).isEqualTo("This field is required.");
        assertThat(expect(server.send("POST", INVITATIONS, ADMIN, obj("name", "two words")), 400).get("name").get(0)
                .asString()).isEqualTo("Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.");
        JsonNode bad = expect(server.send("POST", INVITATIONS, ADMIN, obj("name", "typed", "expires", "tomorrow",
                "fixed_data", "x", "single_use", "yes")), 400);
        assertThat(bad.get("expires").get(0).asString()).startsWith("Datetime has wrong format.");
        assertThat(bad.get("fixed_data").get(0).asString()).isEqualTo("Expected a dictionary of items.");
        assertThat(bad.get("single_use").get(0).asString()).isEqualTo("Must be a valid boolean.");
        JsonNode noFlow = expect(server.send("POST", INVITATIONS, ADMIN, obj("name", "ok",
                "flow", "00000000-0000-0000-0000-000000000000")), 400);
        assertThat(noFlow.get("flow").get(0).asString())
                .isEqualTo("Invalid pk \"00000000-0000-0000-0000-000000000000\" - object does not exist.");
        assertThat(expect(server.get(INVITATIONS, ADMIN), 200).get("pagination").get("count").asLong()).isEqualTo(before);
    }

    @Test
    void filtersAndSearchAsAuthentik() {
        create(obj("name", "filter-a", "flow", flowPk));
        create(obj("name", "filter-b"));
        assertThat(texts(expect(server.get(INVITATIONS + "?name=filter-a", ADMIN), 200).get("results"), "name"))
                .containsExactly("filter-a");
        assertThat(texts(expect(server.get(INVITATIONS + "?flow__slug=enrollment-invitation&search=filter-", ADMIN), 200)
                .get("results"), "name")).containsExactly("filter-a");
        assertThat(texts(expect(server.get(INVITATIONS + "?created_by__username=akadmin&search=filter&ordering=-name",
                ADMIN), 200).get("results"), "name")).containsExactly("filter-b", "filter-a");
        assertThat(texts(expect(server.get(INVITATIONS + "?created_by__username=nobody", ADMIN), 200)
                .get("results"), "name")).isEmpty();
        assertThat(server.get("/api/v3/schema/", ADMIN).body()).contains("/stages/invitation/invitations/{invite_uuid}/:")
                .contains("stages_invitation_invitations_partial_update");
    }

    @Test
    void seed004InvitationEnrollmentWorksOnceThroughTheExecutorApi() {
        JsonNode i = create(obj("name", "family-once", "single_use", true, "flow", flowPk,
                "expires", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        expect(server.send("PATCH", INVITATIONS + i.get("pk").asString() + "/", ADMIN,
                "{\"fixed_data\":{\"email\":\"jane@example.org\",\"name\":\"Jane Doe\"}}"), 200);
        String query = "itoken=" + i.get("pk").asString();
        try (FlowClient browser = new FlowClient(server.base())) {
            JsonNode prompt = browser.current("enrollment-invitation", query);
            assertThat(prompt.get("component").asString()).isEqualTo("ak-stage-prompt");
            assertThat(value(prompt, "email")).isEqualTo("jane@example.org");
            assertThat(value(prompt, "name")).isEqualTo("Jane Doe");
            expect(server.get(INVITATIONS + i.get("pk").asString() + "/", ADMIN), 200);

            JsonNode done = browser.answer("enrollment-invitation", query, signUp("jane"));
            assertThat(done.get("component").asString()).as(done.toString()).isEqualTo(FlowClient.REDIRECT);
        }
        expect(server.get(INVITATIONS + i.get("pk").asString() + "/", ADMIN), 404);
        JsonNode jane = expect(server.get("/api/v3/core/users/?username=jane", ADMIN), 200).get("results").get(0);
        assertThat(jane.get("email").asString()).isEqualTo("jane@example.org");
        List<JsonNode> used = new java.util.ArrayList<>();
        expect(server.get("/api/v3/events/events/?action=invitation_used", ADMIN), 200).get("results").forEach(e -> {
            if (e.get("context").get("invitation_name").asString().equals("family-once")) {
                used.add(e);
            }
        });
        assertThat(used).hasSize(1);
        assertThat(used.get(0).get("context").get("invitation_name").asString()).isEqualTo("family-once");
        assertThat(used.get(0).get("user").get("username").asString()).isEqualTo("jane");

        try (FlowClient second = new FlowClient(server.base())) {
            JsonNode refused = second.current("enrollment-invitation", query);
            assertThat(refused.get("component").asString()).isEqualTo(FlowClient.ACCESS_DENIED);
            assertThat(refused.get("error_message").asString()).isEqualTo("This invitation has expired or was already used.");
        }
    }

    @Test
    void anExpiredLinkGetsAClearPageAndNoLinkIsRefused() {
        JsonNode old = create(obj("name", "expired", "flow", flowPk,
                "expires", Instant.now().minus(1, ChronoUnit.MINUTES).toString()));
        try (FlowClient browser = new FlowClient(server.base())) {
            HttpResponse<String> page = browser.getDirect("/if/flow/enrollment-invitation/?itoken=" + old.get("pk").asString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("This invitation has expired or was already used.")
                    .doesNotContain("Exception").doesNotContain("<form");
            JsonNode none = browser.current("enrollment-invitation", null);
            assertThat(none.get("error_message").asString())
                    .isEqualTo("This flow is open to invited users only: open the link of your invitation.");
        }
    }

    @Test
    void openingAnotherInvitationLinkStartsAFreshPlanWithIt() {
        JsonNode a = create(obj("name", "link-a", "flow", flowPk));
        JsonNode b = create(obj("name", "link-b", "flow", flowPk));
        expect(server.send("PATCH", INVITATIONS + a.get("pk").asString() + "/", ADMIN,
                "{\"fixed_data\":{\"email\":\"a@example.org\"}}"), 200);
        expect(server.send("PATCH", INVITATIONS + b.get("pk").asString() + "/", ADMIN,
                "{\"fixed_data\":{\"email\":\"b@example.org\"}}"), 200);
        try (FlowClient browser = new FlowClient(server.base())) {
            assertThat(value(browser.current("enrollment-invitation", "itoken=" + a.get("pk").asString()), "email"))
                    .isEqualTo("a@example.org");
            assertThat(value(browser.current("enrollment-invitation", "itoken=" + b.get("pk").asString()), "email"))
                    .as("the new link's plan, not the old one").isEqualTo("b@example.org");
            assertThat(value(browser.current("enrollment-invitation", null), "email"))
                    .as("without a link the plan in progress continues").isEqualTo("b@example.org");
            JsonNode done = browser.answer("enrollment-invitation", "itoken=" + b.get("pk").asString(), signUp("bee"));
            assertThat(done.get("component").asString()).isEqualTo(FlowClient.REDIRECT);
        }
        JsonNode bee = expect(server.get("/api/v3/core/users/?username=bee", ADMIN), 200).get("results").get(0);
        assertThat(bee.get("email").asString()).isEqualTo("bee@example.org");
        expect(server.get(INVITATIONS + a.get("pk").asString() + "/", ADMIN), 200);
    }

    private static String value(JsonNode prompt, String key) {
        for (JsonNode f : prompt.get("fields")) {
            if (f.get("field_key").asString().equals(key)) {
                return f.get("initial_value").isNull() ? null : f.get("initial_value").asString();
            }
        }
        throw new AssertionError("no field " + key + " in " + prompt);
    }
}
