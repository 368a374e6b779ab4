package dev.gatehouse.web;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The default flows built on prompts, run through the flow executor API: enrolling with
 * {@code default-source-enrollment} (as it comes, then as seed 004 edits it: five named prompts and a password policy),
 * and a signed-in user's {@code default-user-settings-flow}.
 */
class PromptFlowsTest {
    private static final String ENROLLMENT = "default-source-enrollment";
    private static final String SETTINGS = "default-user-settings-flow";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> enrol(String username, String password, String repeat) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("component", "ak-stage-prompt");
        a.put("username", username);
        a.put("name", "Name of " + username);
        a.put("email", username + "@family.example");
        a.put("password", password);
        a.put("password_repeat", repeat);
        return a;
    }

    private static String pk(String path, String name) {
        return expect(server.get(path + "?name=" + name, ADMIN), 200).get("results").get(0).get("pk").asString();
    }

    private static JsonNode me(FlowClient client) {
        return client.parse(client.get("/api/v3/core/users/me/")).path("user");
    }

    @Test
    void enrollingThroughTheDefaultFlowCreatesTheUserAndSignsIn() {
        try (FlowClient client = new FlowClient(server.base())) {
            JsonNode prompt = client.current(ENROLLMENT, null);
            assertThat(prompt.path("component").asString()).isEqualTo("ak-stage-prompt");
            assertThat(prompt.path("fields").valueStream().map(f -> f.path("field_key").asString()).toList())
                    .containsExactly("username", "name", "email", "password", "password_repeat");
            JsonNode done = client.answer(ENROLLMENT, null, enrol("cousin", "Cousin-pass-1", "Cousin-pass-1"));
            assertThat(done.path("component").asString()).isEqualTo(FlowClient.REDIRECT);
            assertThat(me(client).path("username").asString()).isEqualTo("cousin");
            assertThat(me(client).path("email").asString()).isEqualTo("cousin@family.example");
        }
    }

    @Test
    void seed004EditsThePromptStageToFiveNamedPromptsAndAPasswordPolicy() {
        String policy = expect(server.send("POST", "/api/v3/policies/password/", ADMIN, obj("name", "password-complexity",
                "length_min", 12, "amount_uppercase", 1, "amount_lowercase", 1, "amount_digits", 1, "amount_symbols", 1,
                "error_message", "Please enter a minimum of 12 characters with at least 1 uppercase, 1 lowercase, "
                        + "1 digit and 1 symbol character.")), 201).get("pk").asString();
        String prompts = "/api/v3/stages/prompt/prompts/";
        List<String> fields = List.of(pk(prompts, "default-user-settings-field-username"),
                pk(prompts, "default-user-settings-field-name"), pk(prompts, "default-user-settings-field-email"),
                pk(prompts, "initial-setup-field-password"), pk(prompts, "initial-setup-field-password-repeat"));
        String stages = "/api/v3/stages/prompt/stages/";
        JsonNode edited = expect(server.send("PATCH", stages + pk(stages, "default-source-enrollment-prompt") + "/",
                ADMIN, obj("fields", fields, "validation_policies", List.of(policy))), 200);
        assertThat(edited.get("fields").valueStream().map(JsonNode::asString).toList()).isEqualTo(fields);

        try (FlowClient client = new FlowClient(server.base())) {
            JsonNode weak = client.answer(ENROLLMENT, null, enrol("niece", "short", "short"));
            assertThat(weak.path("response_errors").path("non_field_errors").get(0).path("string").asString())
                    .startsWith("Please enter a minimum of 12 characters");
            JsonNode done = client.answer(ENROLLMENT, null, enrol("niece", "Long-enough-pass-1!", "Long-enough-pass-1!"));
            assertThat(done.path("component").asString()).isEqualTo(FlowClient.REDIRECT);
            assertThat(me(client).path("username").asString()).isEqualTo("niece");
            assertThat(me(client).path("name").asString()).isEqualTo("Name of niece");
        }
        try (FlowClient again = new FlowClient(server.base())) {
            JsonNode taken = again.answer(ENROLLMENT, null, enrol("niece", "Long-enough-pass-1!", "Long-enough-pass-1!"));
            assertThat(taken.path("response_errors").path("username").get(0).path("string").asString())
                    .isEqualTo("Username is already taken.");
        }
    }

    @Test
    void userSettingsChangeANameOnlyWhereAGroupAttributeAllowsIt() {
        try (FlowClient client = new FlowClient(server.base())) {
            // strong enough for the policy another test may have added to the enrollment
            assertThat(client.answer(ENROLLMENT, null, enrol("aunt", "Aunt-long-pass-1!", "Aunt-long-pass-1!"))
                    .path("component").asString()).isEqualTo(FlowClient.REDIRECT);
            Map<String, Object> answer = new LinkedHashMap<>(Map.of("component", "ak-stage-prompt", "username", "aunt",
                    "name", "Auntie", "email", "aunt@family.example"));
            JsonNode form = client.current(SETTINGS, null);
            assertThat(form.path("component").asString()).as(form.toString()).isEqualTo("ak-stage-prompt");
            JsonNode refused = client.answer(SETTINGS, null, answer);
            assertThat(refused.path("response_errors").path("non_field_errors").get(0).path("string").asString())
                    .isEqualTo("Not allowed to change name.");
            assertThat(me(client).path("name").asString()).isEqualTo("Name of aunt");

            long user = me(client).path("pk").asLong();
            expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "may-rename", "users", List.of(user),
                    "attributes", Map.of("goauthentik.io/user/can-change-name", true))), 201);
            JsonNode done = client.answer(SETTINGS, null, answer);
            assertThat(done.path("component").asString()).isEqualTo(FlowClient.REDIRECT);
            assertThat(me(client).path("name").asString()).isEqualTo("Auntie");
        }
    }
}
