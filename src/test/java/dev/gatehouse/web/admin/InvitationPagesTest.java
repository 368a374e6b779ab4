package dev.gatehouse.web.admin;

import static dev.gatehouse.web.admin.AdminBrowser.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Json;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Directory → Invitations, as seed 004 uses it: create one with a name, an expiry, the enrollment-invitation flow
 * and single use; its page shows "Link to use the invitation", which opens the enrollment with the fixed data.
 */
class InvitationPagesTest {
    private static final Pattern LINK = Pattern.compile("<dt>Link to use the invitation</dt>\\s*<dd><a href=\"([^\"]+)\">");
    private static TestServer server;
    private static AdminBrowser admin;
    private static String flowPk;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = AdminBrowser.as(server, "akadmin");
        flowPk = api("POST", "/api/v3/flows/instances/", Map.of("name", "Enrollment Invitation",
                "slug", "enrollment-invitation", "title", "Enrollment Invitation", "designation", "enrollment"))
                .get("pk").asString();
        String stage = api("POST", "/api/v3/stages/invitation/stages/", Map.of("name", "enrollment-invitation"))
                .get("pk").asString();
        api("POST", "/api/v3/flows/bindings/", Map.of("target", flowPk, "stage", stage, "order", 10));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode api(String method, String path, Map<String, Object> body) {
        HttpResponse<String> r = server.send(method, path, TestServer.ADMIN_TOKEN, Json.write(body));
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return dev.gatehouse.api.ApiTestSupport.json(r);
    }

    @Test
    void invitationsAreUnderDirectoryAfterGroups() {
        Navigation.Section directory = Navigation.SECTIONS.stream().filter(s -> s.title().equals("Directory"))
                .findFirst().orElseThrow();
        assertThat(directory.items().stream().map(Navigation.Item::label).toList())
                .containsSubsequence("Groups", "Invitations");
        HttpResponse<String> list = admin.get("/if/admin/invitations/");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(">Invitations</a>").contains("href=\"/if/admin/invitations/new/\"");
    }

    @Test
    void seed004CreateFormThenTheLinkOnTheInvitationsPage() {
        String form = admin.get("/if/admin/invitations/new/").body();
        assertThat(form).contains("id=\"field-name\"").contains("type=\"datetime-local\" id=\"field-expires\"")
                .contains("id=\"field-single_use\"").contains("id=\"field-fixed_data\"")
                .contains("When set, only the configured flow can use this invitation.")
                .contains("<option value=\"" + flowPk + "\"")
                .as("only enrollment flows are offered").doesNotContain(">default-authentication-flow<");

        HttpResponse<String> created = admin.submit("/if/admin/invitations/new/", "/if/admin/invitations/new/",
                List.of(field("name", "family-jane"), field("expires", "2099-01-02T03:04"), field("flow", flowPk),
                        field("single_use", "true"), field("fixed_data", "email: jane@example.org\n")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        String page = created.headers().firstValue("Location").orElseThrow();
        assertThat(page).matches("/if/admin/invitations/[0-9a-f-]{36}/");
        String pk = page.split("/")[4];

        String detail = admin.get(page).body();
        Matcher link = LINK.matcher(detail);
        assertThat(link.find()).as(detail).isTrue();
        assertThat(link.group(1)).isEqualTo(server.base() + "/if/flow/enrollment-invitation/?itoken=" + pk);
        assertThat(detail).contains("2099-01-02").contains("jane@example.org")
                .containsPattern("<dt>Created by</dt>\\s*<dd><a href=\"/if/admin/users/\\d+/\">akadmin</a>");

        JsonNode stored = dev.gatehouse.api.ApiTestSupport.expect(server.get(
                "/api/v3/stages/invitation/invitations/" + pk + "/", TestServer.ADMIN_TOKEN), 200);
        assertThat(stored.get("single_use").asBoolean()).isTrue();
        assertThat(stored.get("expires").asString()).startsWith("2099-01-02T03:04");
        assertThat(stored.get("created_by").get("username").asString()).isEqualTo("akadmin");

        try (FlowClient browser = new FlowClient(server.base())) {
            HttpResponse<String> opened = browser.getDirect(link.group(1).replace("&amp;", "&"));
            assertThat(opened.statusCode()).as("the invitation stage lets it through; no further stage: the flow ends")
                    .isEqualTo(302);
            HttpResponse<String> forged = browser.getDirect(link.group(1).replace(pk, java.util.UUID.randomUUID().toString()));
            assertThat(forged.statusCode()).isEqualTo(200);
            assertThat(forged.body()).contains("This invitation has expired or was already used.");
        }
    }

    @Test
    void anInvitationWithoutAFlowSaysHowToGetALink() {
        String pk = api("POST", "/api/v3/stages/invitation/invitations/", Map.of("name", "no-flow")).get("pk").asString();
        String detail = admin.get("/if/admin/invitations/" + pk + "/").body();
        assertThat(detail).contains("<dt>Link to use the invitation</dt>")
                .contains("Choose the enrollment flow of this invitation (Edit) to get its link.")
                .doesNotContain("?itoken=");
    }
}
