package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.modelEvents;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code stages/prompt/prompts/}: prompts as objects, named by prompt stages' {@code fields}. */
class PromptsApiTest {
    private static final String PROMPTS = "/api/v3/stages/prompt/prompts/";
    private static final String PROMPT_STAGES = "/api/v3/stages/prompt/stages/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode create(String name, String key, String type, Object... more) {
        Object[] fields = new Object[6 + more.length];
        System.arraycopy(new Object[] {"name", name, "field_key", key, "label", key.toUpperCase()}, 0, fields, 0, 6);
        System.arraycopy(more, 0, fields, 6, more.length);
        JsonNode created = expect(server.send("POST", PROMPTS, ADMIN, obj(append(fields, "type", type))), 201);
        assertThat(created.get("name").asString()).isEqualTo(name);
        return created;
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static Object[] append(Object[] a, Object... b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void createThenListedFilteredSearchedAndOrderedWithAuthentiksFields() {
        JsonNode p = create("api-list-nick", "nickname", "text", "placeholder", "What we call you", "order", 7,
                "sub_text", "Shown to others");
        assertThat(p.get("pk").asString()).matches("[0-9a-f-]{36}");
        assertThat(p.get("required").booleanValue()).as("authentik's default").isTrue();
        assertThat(p.get("initial_value").asString()).isEmpty();
        assertThat(p.get("order").asInt()).isEqualTo(7);
        assertThat(p.get("placeholder_expression").booleanValue()).isFalse();
        assertThat(p.get("initial_value_expression").booleanValue()).isFalse();
        assertThat(p.get("promptstage_set").isEmpty()).isTrue();
        create("api-list-team", "team", "dropdown", "choices", List.of("red", "blue"), "required", false);

        assertThat(expect(server.get(PROMPTS + p.get("pk").asString() + "/", ADMIN), 200)).isEqualTo(p);
        assertThat(texts(expect(server.get(PROMPTS + "?name=api-list-nick", ADMIN), 200).get("results"), "pk"))
                .containsExactly(p.get("pk").asString());
        assertThat(texts(expect(server.get(PROMPTS + "?field_key=team", ADMIN), 200).get("results"), "name"))
                .containsExactly("api-list-team");
        assertThat(texts(expect(server.get(PROMPTS + "?search=api-list-&ordering=-name", ADMIN), 200)
                .get("results"), "name")).containsExactly("api-list-team", "api-list-nick");
        assertThat(texts(expect(server.get(PROMPTS + "?page_size=100", ADMIN), 200).get("results"), "name"))
                .as("the default prompts of authentik's blueprints").contains("default-user-settings-field-username",
                        "default-user-settings-field-name", "default-user-settings-field-email",
                        "initial-setup-field-password", "initial-setup-field-password-repeat");
        assertThat(modelEvents(server, "model_created", "api-list-nick")).hasSize(1);
    }

    @Test
    void badInputIsA400NamingEachFieldAndNothingIsWritten() {
        JsonNode missing = expect(server.send("POST", PROMPTS, ADMIN, obj("label", "x")), 400);
        assertThat(missing.propertyNames()).containsExactlyInAnyOrder("name", "field_key", "type");
        assertThat(expect(server.send("POST", PROMPTS, ADMIN, obj("name", "api-bad", "field_key", "k", "label", "K",
                "type", "text", "order", "first")), 400).propertyNames()).containsExactly("order");
        assertThat(expect(server.send("POST", PROMPTS, ADMIN, obj("name", "api-bad", "field_key", "k", "label", "K",
                "type", "colour")), 400).get("type").get(0).asString()).contains("not a valid choice");
        assertThat(expect(server.send("POST", PROMPTS, ADMIN, obj("name", "api-bad", "field_key", "k", "label", "K",
                "type", "dropdown")), 400).get("choices").get(0).asString()).contains("needs choices");
        assertThat(expect(server.send("POST", PROMPTS, ADMIN, obj("name", "api-bad", "field_key", "k", "label", "K",
                "type", "text", "initial_value_expression", true)), 400).get("initial_value_expression").get(0)
                .asString()).contains("not supported");
        create("api-prompt-dup", "dup", "text");
        assertThat(expect(server.send("POST", PROMPTS, ADMIN, obj("name", "api-prompt-dup", "field_key", "k",
                "label", "K", "type", "text")), 400).get("name").get(0).asString()).contains("already exists");
        assertThat(expect(server.get(PROMPTS + "?name=api-bad", ADMIN), 200).get("pagination").get("count").asInt())
                .isZero();
    }

    @Test
    void stageNamesPromptsByPkAndDeletingAPromptTakesItOutOfTheStage() {
        String email = create("api-prompt-email", "email", "email").get("pk").asString();
        String phone = create("api-prompt-phone", "phone", "text", "required", false).get("pk").asString();
        JsonNode stage = expect(server.send("POST", PROMPT_STAGES, ADMIN, obj("name", "api-prompt-stage", "fields",
                List.of(email, phone))), 201);
        String stagePk = stage.get("pk").asString();
        assertThat(strings(stage.get("fields"))).containsExactly(email, phone);
        JsonNode shown = expect(server.get(PROMPTS + phone + "/", ADMIN), 200).get("promptstage_set");
        assertThat(texts(shown, "name")).containsExactly("api-prompt-stage");
        assertThat(shown.get(0).get("pk").asString()).isEqualTo(stagePk);

        JsonNode patched = expect(server.send("PATCH", PROMPTS + phone + "/", ADMIN, obj("label", "Mobile")), 200);
        assertThat(patched.get("label").asString()).isEqualTo("Mobile");
        assertThat(patched.get("field_key").asString()).isEqualTo("phone");
        assertThat(expect(server.send("PUT", PROMPTS + phone + "/", ADMIN, obj("label", "Mobile")), 400).propertyNames())
                .containsExactlyInAnyOrder("name", "field_key", "type");

        expect(server.send("DELETE", PROMPTS + phone + "/", ADMIN, null), 204);
        expect(server.get(PROMPTS + phone + "/", ADMIN), 404);
        assertThat(strings(expect(server.get(PROMPT_STAGES + stagePk + "/", ADMIN), 200).get("fields")))
                .as("authentik's many-to-many: the stage keeps its other prompts").containsExactly(email);
        assertThat(modelEvents(server, "model_deleted", "api-prompt-phone")).hasSize(1);
    }
}
