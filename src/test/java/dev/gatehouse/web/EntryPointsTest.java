package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EntryPointsTest {
    private static final String LOGIN = "/if/flow/default-authentication-flow/?next=";
    private static TestServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static String adminCookie() {
        User admin = new UserStore(server.gatehouse().database().dsl()).byUsername("akadmin").orElseThrow();
        SessionService.Issued issued = server.gatehouse().sessions().login(admin, "127.0.0.1", "test",
                Duration.ofHours(1));
        return "gatehouse_session=" + issued.key();
    }

    @Test
    void rootWhenSignedOutThenBrandLoginFlowLeadingToPortal() throws Exception {
        assertThat(location(get("/", null))).isEqualTo(LOGIN + "%2Fif%2Fuser%2F");
    }

    @Test
    void rootWhenSignedInThenPortal() throws Exception {
        assertThat(location(get("/", adminCookie()))).isEqualTo("/if/user/");
    }

    @Test
    void defaultAuthenticationPassesOnlyRelativeNext() throws Exception {
        assertThat(location(get("/flows/-/default/authentication/?next=%2Fapplication%2Fo%2Fauthorize%2F%3Fx%3D1", null)))
                .isEqualTo(LOGIN + "%2Fapplication%2Fo%2Fauthorize%2F%3Fx%3D1");
        assertThat(location(get("/flows/-/default/authentication/?next=https%3A%2F%2Fevil.example%2F", null)))
                .isEqualTo(LOGIN + "%2Fif%2Fuser%2F");
        assertThat(location(get("/flows/-/default/authentication/?next=%2F%2Fevil.example%2F", null)))
                .isEqualTo(LOGIN + "%2Fif%2Fuser%2F");
        assertThat(location(get("/flows/-/default/authentication/?next=%2F%5Cevil.example", null)))
                .isEqualTo(LOGIN + "%2Fif%2Fuser%2F");
    }

    @Test
    void defaultInvalidationIsTheBrandLogoutFlow() throws Exception {
        assertThat(location(get("/flows/-/default/invalidation/", null))).isEqualTo("/if/flow/default-invalidation-flow/");
    }

    @Test
    void portalListsOnlyApplicationsTheUserMayOpen() throws Exception {
        String admin = TestServer.ADMIN_TOKEN;
        server.send("POST", "/api/v3/core/applications/", admin,
                "{\"name\":\"Open Wiki\",\"slug\":\"wiki\",\"meta_launch_url\":\"https://wiki.example/\"}");
        server.send("POST", "/api/v3/core/applications/", admin, "{\"name\":\"Secret Vault\",\"slug\":\"vault\"}");
        String group = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(server.send("POST", "/api/v3/core/groups/", admin, "{\"name\":\"vault-users\"}").body())
                .get("pk").asString();
        String vault = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(server.get("/api/v3/core/applications/vault/", admin).body()).get("pk").asString();
        HttpResponse<String> binding = server.send("POST", "/api/v3/policies/bindings/", admin,
                "{\"target\":\"" + vault + "\",\"group\":\"" + group + "\",\"order\":0}");
        assertThat(binding.statusCode()).as(binding.body()).isEqualTo(201);

        HttpResponse<String> page = get("/if/user/", adminCookie());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("Open Wiki").contains("href=\"https://wiki.example/\"")
                .doesNotContain("Secret Vault");
        assertThat(location(get("/if/user/", null))).isEqualTo(LOGIN + "%2Fif%2Fuser%2F");
    }

    private static final String LOGOUT_PAGE = "/if/flow/default-invalidation-flow/";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    private static HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The hidden fields of the form that posts to {@code action}. */
    private static Map<String, String> form(String html, String action) {
        int start = html.indexOf("<form method=\"post\" action=\"" + action + "\"");
        assertThat(start).as(html).isNotNegative();
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html.substring(start, html.indexOf("</form>", start)));
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        return fields;
    }

    private static int me(String cookie) throws Exception {
        return get("/api/v3/core/users/me/", cookie).statusCode();
    }

    @Test
    void aLinkToTheLogoutFlowAsksAndOnlyTheConfirmationWithTheSessionsTokenSignsOut() throws Exception {
        String cookie = adminCookie();
        assertThat(location(get("/flows/-/default/invalidation/", cookie))).isEqualTo(LOGOUT_PAGE);
        HttpResponse<String> asked = get(LOGOUT_PAGE, cookie);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(asked.body()).contains("Log out?").contains("akadmin");
        assertThat(me(cookie)).as("a cross-site link signs nobody out").isEqualTo(200);

        Map<String, String> fields = form(asked.body(), LOGOUT_PAGE);
        assertThat(post(LOGOUT_PAGE, cookie, Map.of("csrf", "forged", "confirm_logout", "yes")).statusCode())
                .isEqualTo(403);
        assertThat(post(LOGOUT_PAGE, null, fields).headers().allValues("Set-Cookie"))
                .as("a cross-site POST (no SameSite=Lax cookie) clears nothing").isEmpty();
        assertThat(me(cookie)).isEqualTo(200);

        HttpResponse<String> out = post(LOGOUT_PAGE, cookie, fields);
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("gatehouse_session=;"));
        assertThat(me(cookie)).isNotEqualTo(200);
        assertThat(get(LOGOUT_PAGE, null).statusCode()).as("nobody to ask: the flow runs as before").isEqualTo(302);
    }

    @Test
    void thePortalsLogOutIsOneClick() throws Exception {
        String cookie = adminCookie();
        HttpResponse<String> portal = get("/if/user/", cookie);
        Map<String, String> fields = form(portal.body(), LOGOUT_PAGE);
        assertThat(fields).containsKeys("csrf", "confirm_logout");

        HttpResponse<String> out = post(LOGOUT_PAGE, cookie, fields);

        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(me(cookie)).isNotEqualTo(200);
    }
}
