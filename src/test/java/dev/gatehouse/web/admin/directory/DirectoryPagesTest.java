package dev.gatehouse.web.admin.directory;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.adminGroupPk;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.authenticator.TotpDeviceStore;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Directory admin pages over HTTP as a signed-in superuser's browser: the user page and each of its actions
 * (groups, password, deactivate/activate, recovery link, sessions, tokens), the group page, and the create forms;
 * each action needs the CSRF token, answers 404 for an unknown object, and only touches the page's own user.
 */
class DirectoryPagesTest {
    private static final String USERS = "/api/v3/core/users/";
    private static final String LOGIN = "default-authentication-flow";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static TestServer server;
    private static FlowClient admin;
    private static String csrf;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = signedIn("akadmin", TestServer.ADMIN_PASSWORD);
        HttpResponse<String> overview = admin.getDirect("/if/admin/");
        assertThat(overview.statusCode()).isEqualTo(200);
        Matcher m = CSRF.matcher(overview.body());
        assertThat(m.find()).isTrue();
        csrf = m.group(1);
    }

    @AfterAll
    static void stop() {
        admin.close();
        server.close();
    }

    private static FlowClient signedIn(String username, String password) {
        FlowClient c = new FlowClient(server.base());
        JsonNode end = c.run(LOGIN, "next=/if/user/", username, password);
        assertThat(end.path("component").asString("")).as("%s signs in: %s", username, end).isEqualTo(FlowClient.REDIRECT);
        return c;
    }

    private static long user(String username, String name) {
        return expect(server.send("POST", USERS, ADMIN, obj("username", username, "name", name)), 201).get("pk").asLong();
    }

    private static long userWithPassword(String username, String password) {
        long pk = user(username, username);
        expect(server.send("POST", USERS + pk + "/set_password/", ADMIN, obj("password", password)), 204);
        return pk;
    }

    private static JsonNode apiUser(long pk) {
        return expect(server.get(USERS + pk + "/", ADMIN), 200);
    }

    private static HttpResponse<String> post(String path, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", csrf);
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return admin.postFormDirect(path, form);
    }

    private static HttpResponse<String> postWithoutCsrf(String path, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return admin.postFormDirect(path, form);
    }

    private static void assertRedirect(HttpResponse<String> r, String location) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains(location);
    }

    private static List<String> groupNames(long pk) {
        List<String> out = new ArrayList<>();
        apiUser(pk).get("groups_obj").forEach(g -> out.add(g.get("name").asString()));
        return out;
    }

    private static List<String> sessionsOf(long pk) {
        List<String> out = new ArrayList<>();
        expect(server.get("/api/v3/core/authenticated_sessions/?user=" + pk, ADMIN), 200).get("results")
                .forEach(s -> out.add(s.get("uuid").asString()));
        return out;
    }

    // ---- the page

    @Test
    void userPageWhenScriptInNameAndAttributesThenEscaped() {
        long pk = expect(server.send("POST", USERS, ADMIN, obj("username", "xss-user", "name", "<script>alert(1)</script>",
                "attributes", Map.of("note", "<script>alert(2)</script>"))), 201).get("pk").asLong();

        HttpResponse<String> page = admin.getDirect("/if/admin/users/" + pk + "/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;script&gt;alert(2)&lt;/script&gt;");
    }

    @Test
    void userPageThenInfoAndEverySection() {
        long pk = userWithPassword("page-user", "Page-user-pw-1");
        signedIn("page-user", "Page-user-pw-1").close();
        createToken(server, "page-user-token", "api", pk);

        String body = admin.getDirect("/if/admin/users/" + pk + "/").body();

        assertThat(body).contains("<h1>page-user</h1>", "User Info", "Internal", "Set password", "Create recovery link",
                "Deactivate", "Add to existing group", "authentik Admins", "page-user-token", "End session",
                "MFA authenticators", "/if/admin/users/" + pk + "/edit/");
        assertThat(body).containsPattern("href=\"/if/admin/events/[0-9a-f-]{36}/\"");
    }

    @Test
    void pagesWhenUnknownThen404() {
        assertThat(admin.getDirect("/if/admin/users/999999/").statusCode()).isEqualTo(404);
        assertThat(admin.getDirect("/if/admin/users/nope/").statusCode()).isEqualTo(404);
        assertThat(admin.getDirect("/if/admin/groups/" + UUID.randomUUID() + "/").statusCode()).isEqualTo(404);
        assertThat(post("/if/admin/users/999999/deactivate/").statusCode()).isEqualTo(404);
        assertThat(post("/if/admin/users/999999/groups/add/", "group", adminGroupPk(server)).statusCode()).isEqualTo(404);
        assertThat(post("/if/admin/groups/" + UUID.randomUUID() + "/users/remove/", "user", "1").statusCode()).isEqualTo(404);
    }

    // ---- groups

    @Test
    void addToGroupThenRemoveThroughTheUserPage() {
        long pk = user("group-user", "Group User");

        assertRedirect(post("/if/admin/users/" + pk + "/groups/add/", "group", adminGroupPk(server)),
                "/if/admin/users/" + pk + "/?done=group-added#groups");
        assertThat(groupNames(pk)).containsExactly("authentik Admins");
        assertThat(apiUser(pk).get("is_superuser").booleanValue()).isTrue();
        assertThat(admin.getDirect("/if/admin/users/" + pk + "/?done=group-added").body()).contains("Added to the group.")
                .contains("Yes, through authentik Admins");

        assertRedirect(post("/if/admin/users/" + pk + "/groups/remove/", "group", adminGroupPk(server)),
                "/if/admin/users/" + pk + "/?done=group-removed#groups");
        assertThat(groupNames(pk)).isEmpty();
    }

    @Test
    void actionsWhenCsrfMissingOrWrongThen403AndNothingChanges() {
        long pk = user("csrf-user", "Csrf User");
        JsonNode before = apiUser(pk);

        assertThat(postWithoutCsrf("/if/admin/users/" + pk + "/groups/add/", "group", adminGroupPk(server)).statusCode())
                .isEqualTo(403);
        assertThat(postWithoutCsrf("/if/admin/users/" + pk + "/deactivate/").statusCode()).isEqualTo(403);
        assertThat(postWithoutCsrf("/if/admin/users/" + pk + "/password/", "password", "x-Pass-1",
                "password_repeat", "x-Pass-1").statusCode()).isEqualTo(403);
        assertThat(postWithoutCsrf("/if/admin/users/" + pk + "/recovery/").statusCode()).isEqualTo(403);
        assertThat(postWithoutCsrf("/if/admin/users/" + pk + "/deactivate/", "csrf", "wrong").statusCode()).isEqualTo(403);

        assertThat(groupNames(pk)).isEmpty();
        assertThat(apiUser(pk)).isEqualTo(before);
        assertThat(expect(server.get("/api/v3/core/tokens/?user=" + pk, ADMIN), 200).get("results")).isEmpty();
    }

    // ---- password

    @Test
    void setPasswordThenTheUserSignsInWithIt() {
        long pk = user("pw-user", "Pw User");
        assertThat(admin.getDirect("/if/admin/users/" + pk + "/password/").body())
                .contains("<label for=\"field-password\">Password</label>", "Password (repeat)");

        assertRedirect(post("/if/admin/users/" + pk + "/password/", "password", "Fresh-pw-42", "password_repeat",
                "Fresh-pw-42"), "/if/admin/users/" + pk + "/?done=password-set");

        signedIn("pw-user", "Fresh-pw-42").close();
    }

    @Test
    void setPasswordWhenRefusedOrNotRepeatedThenErrorBesideTheField() {
        long pk = user("pw-bad", "Pw Bad");
        JsonNode before = apiUser(pk);

        HttpResponse<String> blank = post("/if/admin/users/" + pk + "/password/", "password", "", "password_repeat", "");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).containsPattern("id=\"field-password-errors\"><li>This field may not be blank.</li>");

        HttpResponse<String> differ = post("/if/admin/users/" + pk + "/password/", "password", "One-pw-1",
                "password_repeat", "Two-pw-2");
        assertThat(differ.statusCode()).isEqualTo(400);
        assertThat(differ.body()).contains("id=\"field-password_repeat-errors\"><li>The passwords do not match.</li>");
        assertThat(apiUser(pk)).isEqualTo(before);
    }

    // ---- deactivate / activate

    @Test
    void deactivateAfterConfirmationThenSignInRefusedAndActivateRestoresIt() {
        long pk = userWithPassword("active-user", "Active-pw-1");
        String confirm = admin.getDirect("/if/admin/users/" + pk + "/deactivate/").body();
        assertThat(confirm).contains("Deactivate user active-user?", ">Update</button>",
                "action=\"/if/admin/users/" + pk + "/deactivate/\"");

        assertRedirect(post("/if/admin/users/" + pk + "/deactivate/"), "/if/admin/users/" + pk + "/?done=deactivated");
        assertThat(apiUser(pk).get("is_active").booleanValue()).isFalse();
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode end = c.run(LOGIN, "next=/if/user/", "active-user", "Active-pw-1");
            assertThat(end.path("component").asString("")).isNotEqualTo(FlowClient.REDIRECT);
            assertThat(c.get("/api/v3/core/users/me/").statusCode()).isIn(401, 403);
        }
        assertThat(admin.getDirect("/if/admin/users/" + pk + "/").body()).contains("/if/admin/users/" + pk + "/activate/");

        assertRedirect(post("/if/admin/users/" + pk + "/activate/"), "/if/admin/users/" + pk + "/?done=activated");
        signedIn("active-user", "Active-pw-1").close();
    }

    // ---- lockdown

    @Test
    void lockDownAfterConfirmationThenSessionEndedSignInRefusedAndEventRecorded() {
        long pk = userWithPassword("lock-user", "Lock-pw-1");
        FlowClient victim = signedIn("lock-user", "Lock-pw-1");
        assertThat(admin.getDirect("/if/admin/users/" + pk + "/").body()).contains("/if/admin/users/" + pk + "/lockdown/");
        String confirm = admin.getDirect("/if/admin/users/" + pk + "/lockdown/").body();
        assertThat(confirm).contains("Lock down user lock-user?", ">Lock down</button>",
                "action=\"/if/admin/users/" + pk + "/lockdown/\"");
        assertThat(apiUser(pk).get("is_active").booleanValue()).as("the confirmation changes nothing").isTrue();

        assertRedirect(post("/if/admin/users/" + pk + "/lockdown/"), "/if/admin/users/" + pk + "/?done=locked-down");

        assertThat(apiUser(pk).get("is_active").booleanValue()).isFalse();
        assertThat(victim.get("/api/v3/core/users/me/").statusCode()).as("the user's session ended").isEqualTo(401);
        victim.close();
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode end = c.run(LOGIN, "next=/if/user/", "lock-user", "Lock-pw-1");
            assertThat(end.path("component").asString("")).isNotEqualTo(FlowClient.REDIRECT);
        }
        assertThat(admin.getDirect("/if/admin/users/" + pk + "/?done=locked-down").body()).contains("was locked down");
        assertThat(post("/if/admin/users/999999/lockdown/").statusCode()).isEqualTo(404);
    }

    // ---- recovery

    @Test
    void recoveryLinkThenShownOnceAndSignsThatUserInOnce() {
        long pk = user("rec-user", "Rec User");

        HttpResponse<String> shown = post("/if/admin/users/" + pk + "/recovery/");

        assertThat(shown.statusCode()).isEqualTo(200);
        Matcher link = Pattern.compile("value=\"(http://[^\"]+/recovery/use-token/[A-Za-z0-9]{64}/)\"").matcher(shown.body());
        assertThat(link.find()).as(shown.body()).isTrue();
        assertThat(shown.headers().firstValue("Cache-Control")).contains("no-store");
        try (FlowClient c = new FlowClient(server.base())) {
            assertThat(c.getDirect(link.group(1)).statusCode()).isEqualTo(302);
            assertThat(c.get("/api/v3/core/users/me/").body()).contains("\"username\":\"rec-user\"");
        }
        try (FlowClient c = new FlowClient(server.base())) {
            assertThat(c.getDirect(link.group(1)).statusCode()).isEqualTo(404);
        }
    }

    // ---- sessions and tokens: only from their own user's page

    @Test
    void endSessionOnlyFromItsOwnUsersPageThenThatBrowserIsSignedOut() {
        long x = userWithPassword("sess-x", "Sess-x-pw-1");
        long y = userWithPassword("sess-y", "Sess-y-pw-1");
        try (FlowClient yBrowser = signedIn("sess-y", "Sess-y-pw-1")) {
            String ySession = sessionsOf(y).getFirst();

            assertThat(post("/if/admin/users/" + x + "/sessions/end/", "session", ySession).statusCode()).isEqualTo(404);
            assertThat(yBrowser.get("/api/v3/core/users/me/").statusCode()).isEqualTo(200);
            assertThat(post("/if/admin/users/" + y + "/sessions/end/", "session", UUID.randomUUID().toString())
                    .statusCode()).isEqualTo(404);

            assertRedirect(post("/if/admin/users/" + y + "/sessions/end/", "session", ySession),
                    "/if/admin/users/" + y + "/?done=session-ended#sessions");
            assertThat(yBrowser.get("/api/v3/core/users/me/").statusCode()).isIn(401, 403);
            assertThat(sessionsOf(y)).doesNotContain(ySession);
        }
    }

    @Test
    void deleteTokenOnlyFromItsOwnUsersPage() {
        long x = user("tok-x", "Tok X");
        long y = user("tok-y", "Tok Y");
        createToken(server, "tok-y-key", "app_password", y);

        assertThat(post("/if/admin/users/" + x + "/tokens/delete/", "token", "tok-y-key").statusCode()).isEqualTo(404);
        expect(server.get("/api/v3/core/tokens/tok-y-key/", ADMIN), 200);

        assertRedirect(post("/if/admin/users/" + y + "/tokens/delete/", "token", "tok-y-key"),
                "/if/admin/users/" + y + "/?done=token-deleted#tokens");
        expect(server.get("/api/v3/core/tokens/tok-y-key/", ADMIN), 404);
    }

    @Test
    void deleteDeviceOnlyFromItsOwnUsersPage() {
        long x = user("dev-x", "Dev X");
        long y = user("dev-y", "Dev Y");
        long device = new TotpDeviceStore(server.gatehouse().database().dsl()).insert(y, "<script>phone</script>",
                "v1:unused", 6, 30, Instant.now());
        String page = admin.getDirect("/if/admin/users/" + y + "/").body();
        assertThat(page).contains("&lt;script&gt;phone&lt;/script&gt;", "value=\"totp:" + device + "\"")
                .doesNotContain("<script>phone");

        assertThat(post("/if/admin/users/" + x + "/devices/delete/", "device", "totp:" + device).statusCode()).isEqualTo(404);
        assertThat(post("/if/admin/users/" + x + "/devices/delete/", "device", "nonsense").statusCode()).isEqualTo(404);
        expect(server.get("/api/v3/authenticators/admin/totp/" + device + "/", ADMIN), 200);

        assertRedirect(post("/if/admin/users/" + y + "/devices/delete/", "device", "totp:" + device),
                "/if/admin/users/" + y + "/?done=device-deleted#mfa");
        expect(server.get("/api/v3/authenticators/admin/totp/" + device + "/", ADMIN), 404);
    }

    // ---- group page

    @Test
    void groupPageThenMembersAddByUsernameAndRemove() {
        String group = expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "<script>team</script>",
                "attributes", Map.of("quota", "5 GB"))), 201).get("pk").asString();
        long pk = user("member-user", "Member User");

        HttpResponse<String> page = admin.getDirect("/if/admin/groups/" + group + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>team").contains("&lt;script&gt;team&lt;/script&gt;")
                .contains("quota: 5 GB", "<label for=\"add-user\">Add existing user</label>", "No members.");

        HttpResponse<String> unknown = post("/if/admin/groups/" + group + "/users/add/", "username", "nobody-here");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("id=\"add-user-errors\"><li>There is no user with this username.</li>")
                .contains("value=\"nobody-here\"");

        assertRedirect(post("/if/admin/groups/" + group + "/users/add/", "username", "member-user"),
                "/if/admin/groups/" + group + "/?done=member-added#users");
        assertThat(groupNames(pk)).containsExactly("<script>team</script>");
        assertThat(admin.getDirect("/if/admin/groups/" + group + "/").body()).contains("href=\"/if/admin/users/" + pk + "/\"");

        assertThat(postWithoutCsrf("/if/admin/groups/" + group + "/users/remove/", "user", String.valueOf(pk)).statusCode())
                .isEqualTo(403);
        assertRedirect(post("/if/admin/groups/" + group + "/users/remove/", "user", String.valueOf(pk)),
                "/if/admin/groups/" + group + "/?done=member-removed#users");
        assertThat(groupNames(pk)).isEmpty();
    }

    // ---- create forms

    @Test
    void createUserFormOffersTheUserTypesAsAuthentikWithInternalChosen() {
        String form = admin.getDirect("/if/admin/users/new/").body();

        assertThat(form.indexOf("id=\"field-name\"")).isLessThan(form.indexOf("id=\"field-type\""));
        assertThat(form.indexOf("id=\"field-type\"")).isLessThan(form.indexOf("id=\"field-email\""));
        assertThat(form).contains("<label for=\"field-type\">User type")
                .containsPattern("<option value=\"internal\" selected>Internal</option>")
                .contains("<option value=\"external\">External</option>",
                        "<option value=\"service_account\">Service account</option>")
                .doesNotContain("---------");

        HttpResponse<String> created = post("/if/admin/users/new/", "username", "made-in-form", "name", "Made",
                "type", "internal", "email", "made@example.org", "is_active", "true", "path", "users");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        long pk = expect(server.get(USERS + "?username=made-in-form", ADMIN), 200).get("results").get(0).get("pk").asLong();
        assertThat(created.headers().firstValue("Location")).contains("/if/admin/users/" + pk + "/");
        assertThat(apiUser(pk).get("type").asString()).isEqualTo("internal");
        assertThat(apiUser(pk).get("email").asString()).isEqualTo("made@example.org");

        HttpResponse<String> taken = post("/if/admin/users/new/", "username", "made-in-form", "name", "Again",
                "type", "external");
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(taken.body()).contains("id=\"field-username-errors\"")
                .containsPattern("<option value=\"external\" selected>External</option>");
    }

    @Test
    void createGroupFormThenGroupPage() {
        assertThat(admin.getDirect("/if/admin/groups/new/").body()).contains("<label for=\"field-name\">Name");

        HttpResponse<String> created = post("/if/admin/groups/new/", "name", "made-group", "attributes", "a: 1");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/if/admin/groups/[0-9a-f-]{36}/");
        assertThat(admin.getDirect(location).body()).contains("<h1>made-group</h1>", "a: 1");
    }
}
