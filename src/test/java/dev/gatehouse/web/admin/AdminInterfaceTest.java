package dev.gatehouse.web.admin;

import static dev.gatehouse.web.admin.AdminBrowser.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Json;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin interface's gate and its generic object pages, over plain HTTP as a browser without JavaScript. */
class AdminInterfaceTest {
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

    private static long createUser(String username) {
        HttpResponse<String> r = server.send("POST", "/api/v3/core/users/", TestServer.ADMIN_TOKEN,
                Json.write(Map.of("username", username, "name", username)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ((Number) Json.map(r.body()).get("pk")).longValue();
    }

    private static boolean userExists(String username) {
        return new UserStore(server.gatehouse().database().dsl()).byUsername(username).isPresent();
    }

    @Test
    void signedOutThenTheLoginFlowLeadingBack() {
        HttpResponse<String> r = AdminBrowser.signedOut(server).get("/if/admin/users/");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow())
                .isEqualTo("/if/flow/default-authentication-flow/?next=%2Fif%2Fadmin%2Fusers%2F");
    }

    @Test
    void theUserInterfaceLinksToTheAdminInterfaceForSuperusersOnly() {
        createUser("portal-plain");
        assertThat(admin.get("/if/user/").body()).contains("<a href=\"/if/admin/\">Admin interface</a>");
        assertThat(AdminBrowser.as(server, "portal-plain").get("/if/user/").body()).doesNotContain("/if/admin/");
    }

    @Test
    void aUserWhoIsNoSuperuserGetsA403PageLeadingToTheUserInterface() {
        createUser("plain-user");
        HttpResponse<String> r = AdminBrowser.as(server, "plain-user").get("/if/admin/users/");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("href=\"/if/user/\"").contains("do not have access")
                .doesNotContain("Directory").doesNotContain("akadmin");
    }

    @Test
    void everyMenuEntryAnswersAPage() {
        for (Navigation.Section s : Navigation.SECTIONS) {
            for (Navigation.Item i : s.items()) {
                if (i.key().equals(Navigation.SETTINGS)) {
                    continue;
                }
                HttpResponse<String> r = admin.get(i.href());
                assertThat(r.statusCode()).as(i.href() + "\n" + r.body()).isEqualTo(200);
                assertThat(r.body()).as(i.href()).contains("aria-current=\"page\"").contains(">" + i.label() + "</a>");
            }
        }
    }

    @Test
    void createFromTheDeclaredFormThenTheObjectsPage() {
        assertThat(admin.get("/if/admin/users/new/").body()).contains("id=\"field-username\"")
                .contains("The user's display name.").contains("<select id=\"field-type\"");
        HttpResponse<String> r = admin.submit("/if/admin/users/new/", "/if/admin/users/new/",
                List.of(field("username", "created-in-form"), field("name", "Created In Form"),
                        field("type", "internal"), field("is_active", "true"), field("attributes", "team: blue\n")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/if/admin/users/\\d+/");
        var user = new UserStore(server.gatehouse().database().dsl()).byUsername("created-in-form").orElseThrow();
        assertThat(user.attributes()).containsEntry("team", "blue");
        assertThat(admin.get(location).body()).contains("Created In Form").contains("team: blue");
    }

    @Test
    void aRefusedFieldIsShownBesideItsInputAndNothingIsCreated() {
        HttpResponse<String> r = admin.submit("/if/admin/users/new/", "/if/admin/users/new/",
                List.of(field("username", "x".repeat(151)), field("name", "Too Long")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).containsPattern("id=\"field-username-errors\"><li>Ensure this field has no more than 150 characters.")
                .contains("value=\"Too Long\"");
        assertThat(userExists("x".repeat(151))).isFalse();

        HttpResponse<String> yaml = admin.submit("/if/admin/groups/new/", "/if/admin/groups/new/",
                List.of(field("name", "bad-yaml"), field("attributes", "a: [unclosed")));
        assertThat(yaml.statusCode()).isEqualTo(400);
        assertThat(yaml.body()).contains("id=\"field-attributes-errors\"><li>Enter valid YAML");
        assertThat(admin.get("/if/admin/groups/?search=bad-yaml").body()).contains("0 objects");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenChangesNothing() {
        HttpResponse<String> none = admin.post("/if/admin/users/new/", "username=no-csrf&name=x");
        HttpResponse<String> wrong = admin.post("/if/admin/users/new/", "csrf=forged&username=no-csrf&name=x");
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(userExists("no-csrf")).isFalse();
    }

    @Test
    void editThenDeleteAfterConfirming() {
        long pk = createUser("to-edit");
        String page = "/if/admin/users/" + pk + "/";
        HttpResponse<String> form = admin.get(page + "edit/");
        assertThat(form.body()).contains("value=\"to-edit\"");
        HttpResponse<String> edited = admin.submit(page + "edit/", page + "edit/",
                List.of(field("username", "to-edit"), field("name", "Edited Name"), field("is_active", "true")));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(303);
        assertThat(admin.get(page).body()).contains("Edited Name");

        assertThat(admin.get(page + "delete/").body()).contains("Delete user to-edit?");
        assertThat(userExists("to-edit")).isTrue();
        HttpResponse<String> deleted = admin.submit(page + "delete/", page + "delete/", List.of());
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(deleted.headers().firstValue("Location")).contains("/if/admin/users/");
        assertThat(userExists("to-edit")).isFalse();
        assertThat(admin.get(page).statusCode()).isEqualTo(404);
    }

    @Test
    void listSearchesOrdersAndPages() {
        for (int i = 0; i < 25; i++) {
            createUser(String.format("pager-%02d", i));
        }
        String first = admin.get("/if/admin/users/?search=pager-&ordering=username").body();
        assertThat(first).contains("25 objects").contains("Page 1 of 2").contains(">pager-00<").doesNotContain(">pager-24<")
                .contains("aria-sort=\"ascending\"");
        String second = admin.get("/if/admin/users/?search=pager-&ordering=username&page=2").body();
        assertThat(second).contains(">pager-24<").doesNotContain(">pager-00<").contains("rel=\"prev\"");
        String reversed = admin.get("/if/admin/users/?search=pager-&ordering=-username").body();
        assertThat(reversed.indexOf(">pager-24<")).isPositive().isLessThan(reversed.indexOf(">pager-23<"));
    }

    @Test
    void aSubtypeIsChosenThenItsOwnDeclaredForm() {
        String choose = admin.get("/if/admin/stages/new/").body();
        assertThat(choose).contains("href=\"/if/admin/stages/new/?type=identification\"");
        String form = admin.get("/if/admin/stages/new/?type=identification").body();
        assertThat(form).contains("name=\"user_fields\" value=\"username\"").contains("id=\"field-password_stage\"")
                .contains("(Password Stage)");
        HttpResponse<String> r = admin.submit("/if/admin/stages/new/?type=identification",
                "/if/admin/stages/new/?type=identification",
                List.of(field("name", "recovery-authentication-identification"), field("user_fields", "username"),
                        field("user_fields", "email")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String page = admin.get(r.headers().firstValue("Location").orElseThrow()).body();
        assertThat(page).contains("recovery-authentication-identification").contains("Identification Stage")
                .contains("username, email");
    }

    @Test
    void referencesArePickersAndLinks() {
        String form = admin.get("/if/admin/providers/new/?type=proxy").body();
        assertThat(form).contains("<select id=\"field-authorization_flow\"")
                .contains("(default-provider-authorization-implicit-consent)")
                .contains("<option value=\"\" selected>Choose…</option>");
        String authorizationPicker = form.substring(form.indexOf("id=\"field-authorization_flow\""),
                form.indexOf("</select>", form.indexOf("id=\"field-authorization_flow\"")));
        assertThat(authorizationPicker).as("only authorization flows are offered")
                .doesNotContain("(default-authentication-flow)");

        String flowPk = Json.map(server.get("/api/v3/flows/instances/default-authentication-flow/", TestServer.ADMIN_TOKEN)
                .body()).get("pk").toString();
        HttpResponse<String> provider = server.send("POST", "/api/v3/providers/proxy/", TestServer.ADMIN_TOKEN,
                Json.write(Map.of("name", "odd-flow-provider", "authorization_flow", flowPk,
                        "external_host", "https://odd.example.com", "mode", "forward_single")));
        assertThat(provider.statusCode()).as(provider.body()).isEqualTo(201);
        String edit = admin.get("/if/admin/providers/" + Json.map(provider.body()).get("pk") + "/edit/").body();
        assertThat(edit).as("a flow of another designation that the field names now stays selected")
                .contains("<option value=\"" + flowPk + "\" selected>");
        String flows = admin.get("/if/admin/flows/?search=default-authentication-flow").body();
        assertThat(flows).contains("href=\"/if/admin/flows/default-authentication-flow/\"");
    }

    @Test
    void userTextIsEscapedInPagesAndAttributes() {
        String evil = "<script>alert(1)</script>";
        HttpResponse<String> r = admin.submit("/if/admin/groups/new/", "/if/admin/groups/new/",
                List.of(field("name", evil), field("attributes", "note: '\"><script>alert(2)</script>'")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String detail = admin.get(r.headers().firstValue("Location").orElseThrow()).body();
        String list = admin.get("/if/admin/groups/").body();
        String edit = admin.get(r.headers().firstValue("Location").orElseThrow() + "edit/").body();
        for (String html : List.of(detail, list, edit)) {
            assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
        }
    }

    @Test
    void unknownPagesAndObjectsAre404sInTheChrome() {
        assertThat(admin.get("/if/admin/nothing-here/").statusCode()).isEqualTo(404);
        assertThat(admin.get("/if/admin/users/999999/").statusCode()).isEqualTo(404);
        HttpResponse<String> r = admin.get("/if/admin/users/not-a-number/edit/");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("Not found").contains("Directory");
    }

    @Test
    void everyObjectOfEveryTypeHasAWorkingPageAndEditFormAndEverySubtypeACreateForm() {
        int pages = 0;
        for (ObjectType type : ObjectTypes.all()) {
            HttpResponse<String> list = admin.get(type.listHref() + "?page_size=100");
            assertThat(list.statusCode()).as(type.listHref()).isEqualTo(200);
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("<td data-label=\"[^\"]*\"><a href=\"(" + java.util.regex.Pattern.quote(type.listHref()) + "[^\"/?]+/)\"").matcher(list.body());
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            while (m.find()) {
                if (!m.group(1).endsWith("/new/") && seen.add(m.group(1))) {
                    HttpResponse<String> detail = admin.get(m.group(1));
                    assertThat(detail.statusCode()).as(m.group(1) + "\n" + detail.body()).isEqualTo(200);
                    if (detail.body().contains("href=\"" + m.group(1) + "edit/\"")) {
                        HttpResponse<String> edit = admin.get(m.group(1) + "edit/");
                        assertThat(edit.statusCode()).as(m.group(1) + "edit/\n" + edit.body()).isEqualTo(200);
                        assertThat(edit.body()).contains("name=\"csrf\"");
                    }
                    pages++;
                }
            }
            for (ObjectType.Subtype sub : type.subtypes()) {
                HttpResponse<String> create = admin.get(type.listHref() + "new/?type=" + sub.name());
                assertThat(create.statusCode()).as(sub.apiPath() + "\n" + create.body()).isEqualTo(200);
            }
        }
        assertThat(pages).as("objects visited").isGreaterThan(20);
    }
}
