package dev.gatehouse.web.admin;

import static dev.gatehouse.web.admin.AdminBrowser.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Json;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Prompts in the admin interface: listed under Flows and Stages, created from their form, picked by a prompt stage. */
class PromptPagesTest {
    private static TestServer server;
    private static AdminBrowser admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = AdminBrowser.as(server, "akadmin");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> api(String path) {
        HttpResponse<String> r = server.get(path, TestServer.ADMIN_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.map(r.body());
    }

    @SuppressWarnings("unchecked")
    private static String pkOf(String collection, String name) {
        List<Map<String, Object>> results = (List<Map<String, Object>>) api(collection + "?name=" + name).get("results");
        return String.valueOf(results.getFirst().get("pk"));
    }

    @Test
    void promptsAreListedUnderFlowsAndStagesWithTheDefaults() {
        String menu = admin.get("/if/admin/").body();
        int section = menu.indexOf("Flows and Stages");
        assertThat(section).isPositive();
        assertThat(menu.indexOf("href=\"/if/admin/prompts/\"")).isGreaterThan(section);
        String list = admin.get("/if/admin/prompts/?search=default-user-settings").body();
        assertThat(list).contains(">default-user-settings-field-username<").contains(">default-user-settings-field-email<");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPromptCreatedFromItsFormIsPickedByAPromptStagesForm() {
        HttpResponse<String> created = admin.submit("/if/admin/prompts/new/", "/if/admin/prompts/new/", List.of(
                field("name", "family-field-nickname"), field("field_key", "nickname"), field("label", "Nickname"),
                field("type", "text"), field("required", "true"), field("placeholder", "What we call you"),
                field("order", "150")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        String prompt = pkOf("/api/v3/stages/prompt/prompts/", "family-field-nickname");
        assertThat(api("/api/v3/stages/prompt/prompts/" + prompt + "/")).containsEntry("field_key", "nickname")
                .containsEntry("order", 150).containsEntry("required", true);

        String form = admin.get("/if/admin/stages/new/?type=prompt").body();
        assertThat(form).contains("<select id=\"field-fields\"").contains(">family-field-nickname<");
        String email = pkOf("/api/v3/stages/prompt/prompts/", "default-user-settings-field-email");
        HttpResponse<String> stage = admin.submit("/if/admin/stages/new/?type=prompt", "/if/admin/stages/new/?type=prompt",
                List.of(field("name", "family-prompt"), field("fields", prompt), field("fields", email)));
        assertThat(stage.statusCode()).as(stage.body()).isEqualTo(303);
        String stagePk = pkOf("/api/v3/stages/prompt/stages/", "family-prompt");
        assertThat((List<Object>) api("/api/v3/stages/prompt/stages/" + stagePk + "/").get("fields"))
                .containsExactlyInAnyOrder(prompt, email);
        String edit = admin.get("/if/admin/stages/" + stagePk + "/edit/").body();
        assertThat(edit).contains("<option value=\"" + prompt + "\" selected>");

        HttpResponse<String> refused = admin.submit("/if/admin/prompts/new/", "/if/admin/prompts/new/", List.of(
                field("name", "family-field-team"), field("field_key", "team"), field("label", "Team"),
                field("type", "dropdown")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("A dropdown field needs choices.");
    }
}
