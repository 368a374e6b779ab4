package dev.gatehouse.web.user;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.core.Token;
import dev.gatehouse.core.TokenIntent;
import dev.gatehouse.core.TokenStore;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.session.SessionStore;
import dev.gatehouse.stage.consent.ConsentStore;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The user interface {@code /if/user/} over HTTP, as a browser without JavaScript uses it: the application tiles
 * (launch URLs set or derived from the provider, {@code blank://blank} hidden, names escaped), and each settings
 * action — profile, app passwords and tokens, sessions, consents — with its CSRF token (403 without), post/redirect/get,
 * errors beside the input, and another user's object not found.
 */
class UserInterfaceTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern KEY = Pattern.compile("id=\"new-token-key\" class=\"key\" type=\"text\" readonly value=\"([^\"]+)\"");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String password(String name) {
        return "pw-" + name + "-0123";
    }

    private static long user(String name) {
        long pk = ApiTestSupport.createUser(server, name);
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN,
                obj("password", password(name))), 204);
        return pk;
    }

    private static FlowClient signedIn(String name) {
        FlowClient browser = new FlowClient(server.base());
        JsonNode end = browser.run(DefaultFlows.AUTHENTICATION, null, name, password(name));
        assertThat(end.path("component").asString()).as(end.toString()).isEqualTo(FlowClient.REDIRECT);
        return browser;
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    private static String flowPk(String slug) {
        return expect(server.get("/api/v3/flows/instances/" + slug + "/", ADMIN), 200).get("pk").asString();
    }

    private static void app(String slug, String name, Object... more) {
        Object[] fields = new Object[4 + more.length];
        fields[0] = "slug";
        fields[1] = slug;
        fields[2] = "name";
        fields[3] = name;
        System.arraycopy(more, 0, fields, 4, more.length);
        expect(server.send("POST", "/api/v3/core/applications/", ADMIN, obj(fields)), 201);
    }

    private static long oauth2(String name, List<Map<String, String>> redirects) {
        return expect(server.send("POST", "/api/v3/providers/oauth2/", ADMIN, obj("name", name, "authorization_flow",
                flowPk(DefaultFlows.IMPLICIT_CONSENT), "redirect_uris", redirects)), 201).get("pk").asLong();
    }

    @Test
    void tilesOpenTheSetOrDerivedLaunchUrlHideBlankAndEscapeNames() {
        user("ui-tiles");
        app("ui-set", "Wiki Set", "meta_launch_url", "https://wiki.example.org/start", "meta_publisher", "Wiki Corp",
                "meta_description", "The team wiki", "meta_icon", "https://wiki.example.org/icon.png");
        app("ui-oauth", "OAuth App", "provider", oauth2("ui-oauth", List.of(
                Map.of("matching_mode", "regex", "url", "https://.*\\.regex\\.example\\.org/cb"),
                Map.of("matching_mode", "strict", "url", "https://oauth.example.org:8443/callback?x=1"))));
        long proxy = expect(server.send("POST", "/api/v3/providers/proxy/", ADMIN, obj("name", "ui-proxy",
                "authorization_flow", flowPk(DefaultFlows.IMPLICIT_CONSENT), "mode", "forward_single",
                "external_host", "https://proxied.example.org")), 201).get("pk").asLong();
        app("ui-proxy", "Proxy App", "provider", proxy);
        app("ui-blank", "Hidden Home", "meta_launch_url", "blank://blank");
        app("ui-script", "<script>alert(1)</script>", "meta_launch_url", "javascript:alert(2)",
                "meta_description", "<img src=x onerror=alert(3)>");

        try (FlowClient browser = signedIn("ui-tiles")) {
            HttpResponse<String> page = browser.getDirect("/if/user/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
            String html = page.body();
            assertThat(html).contains("href=\"https://wiki.example.org/start\"").contains("Wiki Corp")
                    .contains("The team wiki").contains("src=\"https://wiki.example.org/icon.png\"");
            assertThat(html).as("the first plain redirect URI's origin").contains("href=\"https://oauth.example.org:8443\"");
            assertThat(html).contains("href=\"https://proxied.example.org\"");
            assertThat(html).doesNotContain("Hidden Home").doesNotContain("blank://blank");
            assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)")
                    .doesNotContain("<img src=x").doesNotContain("javascript:alert");
        }
        JsonNode api = expect(server.get("/api/v3/core/applications/ui-oauth/", ADMIN), 200);
        assertThat(api.get("launch_url").asString()).as("the API derives the same").isEqualTo("https://oauth.example.org:8443");
        assertThat(api.get("meta_launch_url").asString()).isEmpty();
        assertThat(expect(server.get("/api/v3/core/applications/ui-proxy/", ADMIN), 200).get("launch_url").asString())
                .isEqualTo("https://proxied.example.org");
    }

    @Test
    void profileChangesTheNameAndTheEmailOnlyWhenTheSettingsAllowIt() {
        long pk = user("ui-profile");
        try (FlowClient browser = signedIn("ui-profile")) {
            String html = browser.getDirect("/if/user/").body();
            String csrf = csrf(html);
            assertThat(html).contains("id=\"profile-email\" type=\"email\" readonly");
            assertThat(browser.postFormDirect("/if/user/profile/", Map.of("csrf", "forged", "name", "Mallory"))
                    .statusCode()).isEqualTo(403);

            HttpResponse<String> saved = browser.postFormDirect("/if/user/profile/", Map.of("csrf", csrf, "name",
                    "Pat <b>Profile</b>"));
            assertThat(saved.statusCode()).isEqualTo(303);
            assertThat(saved.headers().firstValue("Location")).contains("/if/user/?done=profile#profile");
            assertThat(new UserStore(server.gatehouse().database().dsl()).byPk(pk).orElseThrow().name())
                    .isEqualTo("Pat <b>Profile</b>");
            assertThat(browser.getDirect("/if/user/?done=profile").body()).contains("Your profile was saved.")
                    .contains("Hello, Pat &lt;b&gt;Profile&lt;/b&gt;");

            HttpResponse<String> refused = browser.postFormDirect("/if/user/profile/", Map.of("csrf", csrf,
                    "email", "new@example.org"));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("<p class=\"error\" id=\"profile-email-error\">Not allowed to change email address.</p>");
            assertThat(new UserStore(server.gatehouse().database().dsl()).byPk(pk).orElseThrow().email())
                    .isEqualTo("ui-profile@example.org");

            expect(server.send("PATCH", "/api/v3/admin/settings/", ADMIN, obj("default_user_change_email", true)), 200);
            try {
                HttpResponse<String> bad = browser.postFormDirect("/if/user/profile/", Map.of("csrf", csrf,
                        "email", "not-an-address"));
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).contains("id=\"profile-email-error\">Enter a valid email address.</p>")
                        .contains("value=\"not-an-address\"");
                assertThat(browser.postFormDirect("/if/user/profile/", Map.of("csrf", csrf, "email",
                        "new@example.org")).statusCode()).isEqualTo(303);
                assertThat(new UserStore(server.gatehouse().database().dsl()).byPk(pk).orElseThrow().email())
                        .isEqualTo("new@example.org");
            } finally {
                expect(server.send("PATCH", "/api/v3/admin/settings/", ADMIN, obj("default_user_change_email", false)), 200);
            }
            assertThat(browser.postFormDirect("/if/user/profile/", Map.of("csrf", csrf, "username", "renamed"))
                    .statusCode()).as("usernames cannot be changed by default").isEqualTo(400);
        }
    }

    @Test
    void appPasswordsAndTokensAreCreatedShownOnceListedAndDeletedOnlyByTheirOwner() {
        long pk = user("ui-tokens");
        long otherPk = user("ui-tokens-other");
        ApiTestSupport.createToken(server, "ui-tokens-others-key", "app_password", otherPk);
        try (FlowClient browser = signedIn("ui-tokens")) {
            String csrf = csrf(browser.getDirect("/if/user/").body());
            Map<String, String> create = Map.of("csrf", csrf, "intent", "app_password", "identifier", "ui-ldap",
                    "description", "LDAP on my laptop", "expires_in", "30");
            assertThat(browser.postFormDirect("/if/user/tokens/", Map.of("intent", "app_password", "identifier", "x",
                    "expires_in", "30")).statusCode()).isEqualTo(403);

            HttpResponse<String> created = browser.postFormDirect("/if/user/tokens/", create);
            assertThat(created.statusCode()).isEqualTo(200);
            assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");
            Matcher key = KEY.matcher(created.body());
            assertThat(key.find()).as(created.body()).isTrue();
            Token stored = new TokenStore(server.gatehouse().database().dsl()).byIdentifier("ui-ldap").orElseThrow();
            assertThat(stored.user()).isEqualTo(pk);
            assertThat(stored.intent()).isEqualTo(TokenIntent.APP_PASSWORD);
            assertThat(stored.keyHash()).isEqualTo(Secrets.sha256Hex(key.group(1)));
            assertThat(stored.expires()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(29)));
            String again = browser.getDirect("/if/user/").body();
            assertThat(again).as("listed, the key not shown again").contains("data-identifier=\"ui-ldap\"")
                    .contains("LDAP on my laptop").doesNotContain(key.group(1)).doesNotContain("ui-tokens-others-key");

            HttpResponse<String> taken = browser.postFormDirect("/if/user/tokens/", create);
            assertThat(taken.statusCode()).isEqualTo(400);
            assertThat(taken.body()).contains("id=\"token-identifier-error\">Token with this identifier already exists.");
            HttpResponse<String> bad = browser.postFormDirect("/if/user/tokens/", Map.of("csrf", csrf, "intent",
                    "recovery", "identifier", "has space", "expires_in", "9999"));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("Choose an app password or an API token.")
                    .contains("Choose how long the token is valid.");

            HttpResponse<String> api = browser.postFormDirect("/if/user/tokens/", Map.of("csrf", csrf, "intent", "api",
                    "identifier", "ui-script", "expires_in", "1"));
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(new TokenStore(server.gatehouse().database().dsl()).byIdentifier("ui-script").orElseThrow()
                    .intent()).isEqualTo(TokenIntent.API);

            assertThat(browser.postFormDirect("/if/user/tokens/ui-tokens-others-key/delete/", Map.of("csrf", csrf))
                    .statusCode()).as("another user's token").isEqualTo(404);
            assertThat(new TokenStore(server.gatehouse().database().dsl()).byIdentifier("ui-tokens-others-key")).isPresent();
            assertThat(browser.postFormDirect("/if/user/tokens/ui-ldap/delete/", Map.of("csrf", "forged"))
                    .statusCode()).isEqualTo(403);
            HttpResponse<String> deleted = browser.postFormDirect("/if/user/tokens/ui-ldap/delete/", Map.of("csrf", csrf));
            assertThat(deleted.statusCode()).isEqualTo(303);
            assertThat(new TokenStore(server.gatehouse().database().dsl()).byIdentifier("ui-ldap")).isEmpty();
        }
    }

    @Test
    void sessionsAreListedAndAnotherOneOrAllOthersEnded() {
        long pk = user("ui-sessions");
        user("ui-sessions-other");
        try (FlowClient laptop = signedIn("ui-sessions"); FlowClient phone = signedIn("ui-sessions");
             FlowClient tablet = signedIn("ui-sessions"); FlowClient stranger = signedIn("ui-sessions-other")) {
            String html = laptop.getDirect("/if/user/").body();
            String csrf = csrf(html);
            List<AuthenticatedSession> mine = new SessionStore(server.gatehouse().database().dsl())
                    .list(PageRequest.all(), pk).results();
            assertThat(mine).hasSize(3);
            assertThat(html).contains("This browser").contains("End all other sessions");
            assertThat(html.split("class=\"session\"", -1)).hasSize(4);
            long strangerPk = new UserStore(server.gatehouse().database().dsl()).byUsername("ui-sessions-other")
                    .orElseThrow().pk();
            UUID strangers = new SessionStore(server.gatehouse().database().dsl()).list(PageRequest.all(), strangerPk)
                    .results().getFirst().uuid();
            assertThat(laptop.postFormDirect("/if/user/sessions/" + strangers + "/delete/", Map.of("csrf", csrf))
                    .statusCode()).as("another user's session").isEqualTo(404);
            assertThat(stranger.get("/api/v3/core/users/me/").statusCode()).isEqualTo(200);

            String phonePage = phone.getDirect("/if/user/").body();
            UUID phones = mine.stream().map(AuthenticatedSession::uuid)
                    .filter(u -> !phonePage.contains("/if/user/sessions/" + u + "/delete/")).findFirst().orElseThrow();
            assertThat(html).contains("/if/user/sessions/" + phones + "/delete/");
            assertThat(laptop.postFormDirect("/if/user/sessions/" + phones + "/delete/", Map.of("csrf", "forged"))
                    .statusCode()).isEqualTo(403);
            assertThat(laptop.postFormDirect("/if/user/sessions/" + phones + "/delete/", Map.of("csrf", csrf))
                    .statusCode()).isEqualTo(303);
            assertThat(phone.get("/api/v3/core/users/me/").statusCode()).as("the ended session").isNotEqualTo(200);
            assertThat(tablet.get("/api/v3/core/users/me/").statusCode()).isEqualTo(200);

            assertThat(laptop.postFormDirect("/if/user/sessions/others/", Map.of("csrf", csrf)).statusCode())
                    .isEqualTo(303);
            assertThat(phone.get("/api/v3/core/users/me/").statusCode()).isNotEqualTo(200);
            assertThat(tablet.get("/api/v3/core/users/me/").statusCode()).isNotEqualTo(200);
            assertThat(laptop.get("/api/v3/core/users/me/").statusCode()).as("this browser stays").isEqualTo(200);
            assertThat(stranger.get("/api/v3/core/users/me/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void consentsAreListedAndRevokedOnlyByTheirOwner() {
        long pk = user("ui-consents");
        long other = user("ui-consents-other");
        app("ui-consent-app", "Consent App");
        var dsl = server.gatehouse().database().dsl();
        UUID appPk = UUID.fromString(expect(server.get("/api/v3/core/applications/ui-consent-app/", ADMIN), 200)
                .get("pk").asString());
        new ConsentStore(dsl).remember(pk, appPk, Set.of("openid", "email"), null);
        new ConsentStore(dsl).remember(other, appPk, Set.of("openid"), null);
        UUID mine = new ConsentStore(dsl).ofUser(pk).getFirst().pk();
        UUID theirs = new ConsentStore(dsl).ofUser(other).getFirst().pk();
        try (FlowClient browser = signedIn("ui-consents")) {
            String html = browser.getDirect("/if/user/").body();
            String csrf = csrf(html);
            assertThat(html).contains("Consent App").contains("/if/user/consents/" + mine + "/delete/")
                    .doesNotContain(theirs.toString());
            assertThat(browser.postFormDirect("/if/user/consents/" + theirs + "/delete/", Map.of("csrf", csrf))
                    .statusCode()).isEqualTo(404);
            assertThat(browser.postFormDirect("/if/user/consents/not-a-uuid/delete/", Map.of("csrf", csrf))
                    .statusCode()).isEqualTo(404);
            assertThat(browser.postFormDirect("/if/user/consents/" + mine + "/delete/", Map.of()).statusCode())
                    .isEqualTo(403);
            assertThat(new ConsentStore(dsl).find(pk, appPk)).isPresent();
            assertThat(browser.postFormDirect("/if/user/consents/" + mine + "/delete/", Map.of("csrf", csrf))
                    .statusCode()).isEqualTo(303);
            assertThat(new ConsentStore(dsl).find(pk, appPk)).isEmpty();
            assertThat(new ConsentStore(dsl).find(other, appPk)).isPresent();
            assertThat(browser.getDirect("/if/user/").body()).contains("You have not given any application consent.");
        }
    }

    @Test
    void thePasswordChangeFlowSetsTheNewPasswordAndEndsTheOtherSessions() {
        user("ui-password");
        try (FlowClient browser = signedIn("ui-password"); FlowClient other = signedIn("ui-password")) {
            assertThat(browser.getDirect("/if/user/").body())
                    .contains("href=\"/if/flow/default-password-change/?next=%2Fif%2Fuser%2F\"");
            JsonNode prompt = browser.current(DefaultFlows.PASSWORD_CHANGE, "next=/if/user/");
            assertThat(prompt.get("component").asString()).isEqualTo("ak-stage-prompt");
            JsonNode mismatch = browser.answer(DefaultFlows.PASSWORD_CHANGE, "next=/if/user/", Map.of(
                    "component", "ak-stage-prompt", "password", "New-password-42", "password_repeat", "other"));
            assertThat(mismatch.has("response_errors")).as(mismatch.toString()).isTrue();
            JsonNode shortOne = browser.answer(DefaultFlows.PASSWORD_CHANGE, "next=/if/user/", Map.of(
                    "component", "ak-stage-prompt", "password", "short", "password_repeat", "short"));
            assertThat(shortOne.toString()).contains("8 characters");
            JsonNode done = browser.answer(DefaultFlows.PASSWORD_CHANGE, "next=/if/user/", Map.of(
                    "component", "ak-stage-prompt", "password", "New-password-42", "password_repeat", "New-password-42"));
            assertThat(done.get("component").asString()).as(done.toString()).isEqualTo(FlowClient.REDIRECT);
            assertThat(done.get("to").asString()).isEqualTo("/if/user/");

            assertThat(browser.get("/api/v3/core/users/me/").statusCode()).as("this browser stays").isEqualTo(200);
            assertThat(other.get("/api/v3/core/users/me/").statusCode()).as("the other session ended").isNotEqualTo(200);
        }
        try (FlowClient old = new FlowClient(server.base()); FlowClient fresh = new FlowClient(server.base())) {
            JsonNode refused = old.run(DefaultFlows.AUTHENTICATION, null, "ui-password", password("ui-password"));
            assertThat(refused.has("response_errors")).as(refused.toString()).isTrue();
            JsonNode ok = fresh.run(DefaultFlows.AUTHENTICATION, null, "ui-password", "New-password-42");
            assertThat(ok.get("component").asString()).isEqualTo(FlowClient.REDIRECT);
        }
    }

    @Test
    void signedOutFormsAndPagesAreRefused() {
        try (FlowClient nobody = new FlowClient(server.base())) {
            HttpResponse<String> page = nobody.getDirect("/if/user/");
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).get().asString().startsWith("/if/flow/default-authentication-flow/");
            HttpResponse<String> post = nobody.postFormDirect("/if/user/sessions/others/", Map.of("csrf", "x"));
            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(post.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(post.body()).contains("This form has expired");
        }
    }

    @Test
    void lockMyAccountWithoutJavaScriptThenConfirmedWithAReasonEndsOnTheLockedPageAndSignInIsRefused() {
        long pk = user("lock-self");
        try (FlowClient browser = signedIn("lock-self")) {
            String portal = browser.get("/if/user/").body();
            assertThat(portal).contains("action=\"/if/user/lockdown/\"", ">Lock my account</button>");
            assertThat(browser.postFormDirect("/if/user/lockdown/", Map.of("csrf", "forged")).statusCode()).isEqualTo(403);

            HttpResponse<String> started = browser.postFormDirect("/if/user/lockdown/", Map.of("csrf", csrf(portal)));

            assertThat(started.statusCode()).isEqualTo(303);
            String link = started.headers().firstValue("Location").orElseThrow();
            assertThat(link).contains("/if/flow/default-account-lockdown/?flow_token=");
            HttpResponse<String> warning = browser.get(link.substring(link.indexOf("/if/flow/")));
            assertThat(warning.body()).contains("Only an administrator can unlock it", "name=\"reason\"");
            assertThat(expect(server.get("/api/v3/core/users/" + pk + "/", ADMIN), 200).get("is_active").booleanValue())
                    .as("nothing is locked before the confirmation").isTrue();
            HttpResponse<String> confirmed = browser.postFormDirect("/if/flow/default-account-lockdown/",
                    Map.of("csrf", csrf(warning.body()), "component", "ak-stage-prompt", "reason", "lost my phone"));
            assertThat(confirmed.statusCode()).as(confirmed.body()).isIn(302, 303);
            String locked = browser.get("/if/flow/default-account-lockdown/").body();
            assertThat(locked).as("the lockdown flow ends on the completion flow").contains("Your account has been locked");
            assertThat(browser.get("/api/v3/core/users/me/").statusCode()).isEqualTo(401);
        }
        assertThat(expect(server.get("/api/v3/core/users/" + pk + "/", ADMIN), 200).get("is_active").booleanValue())
                .isFalse();
        try (FlowClient again = new FlowClient(server.base())) {
            JsonNode end = again.run(DefaultFlows.AUTHENTICATION, null, "lock-self", password("lock-self"));
            assertThat(end.path("component").asString()).isNotEqualTo(FlowClient.REDIRECT);
        }
    }
}
