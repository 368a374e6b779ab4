package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The acceptance of issue 15's user interface in real headless Chromium with JavaScript off: a real server process,
 * set up through the API (a user, tiles including one named {@code <script>alert(1)</script>} and a hidden
 * {@code blank://blank} one, an LDAP provider on the default authentication flow whose password stage also accepts
 * app passwords, and an OAuth2 application on the explicit-consent flow with a remembered consent), then
 * {@code node --test browser-tests/user-interface.test.mjs}: tiles, ending another session, revoking a consent,
 * an app password bound over LDAP with Debian's {@code ldapwhoami}, and a password change. Screenshots of the
 * portal and the settings at 1280 and 390 px are kept in {@code target/browser-artifacts/}.
 */
class BrowserUserInterfaceIT {
    private static final String TEST = "user-interface.test.mjs";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void theUserInterfaceAcceptanceInHeadlessChromium() throws Exception {
        BrowserTests.installPackages(dir);
        String token = "tok-" + BrowserTests.random() + BrowserTests.random() + BrowserTests.random() + BrowserTests.random();
        int ldapPort = GatehouseProcess.freePort();
        // The relying party's callback, served by the node test itself.
        String redirectUri = "http://127.0.0.1:" + GatehouseProcess.freePort() + "/callback";
        Map<String, String> env = new LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("data")));
        env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", "pw-" + BrowserTests.random());
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", token);
        env.put("GATEHOUSE_LISTEN__LDAP", "127.0.0.1:" + ldapPort);
        env.put("GATEHOUSE_LISTEN__LDAPS", "127.0.0.1:" + GatehouseProcess.freePort());
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server")) {
            server.awaitReady();
            String base = "http://localhost:" + server.httpPort() + "/api/v3/";
            String password = "user-pw-" + BrowserTests.random();
            long user = api(base, token, "POST", "core/users/", Map.of("username", "ui-browser",
                    "name", "Uma Interface", "email", "uma@example.org")).get("pk").asLong();
            api(base, token, "POST", "core/users/" + user + "/set_password/", Map.of("password", password));

            api(base, token, "POST", "core/applications/", Map.of("slug", "team-wiki", "name", "Team Wiki",
                    "meta_launch_url", "https://wiki.example.test/", "meta_publisher", "Example Publisher",
                    "meta_description", "Where the team writes things down"));
            api(base, token, "POST", "core/applications/", Map.of("slug", "script-app",
                    "name", "<script>alert(1)</script>", "meta_description", "<img src=x onerror=alert(2)>"));
            api(base, token, "POST", "core/applications/", Map.of("slug", "hidden-home", "name", "Hidden Home",
                    "meta_launch_url", "blank://blank"));

            // LDAP: the seed's provider on the default authentication flow; app passwords are checked by the
            // password stage's TokenBackend, as in authentik's default stage.
            String authentication = api(base, token, "GET", "flows/instances/default-authentication-flow/", null)
                    .get("pk").asString();
            long ldap = api(base, token, "POST", "providers/ldap/", Map.of("name", "ui-ldap",
                    "authorization_flow", authentication)).get("pk").asLong();
            api(base, token, "POST", "core/applications/", Map.of("slug", "ui-ldap", "name", "Directory",
                    "provider", ldap));
            String passwordStage = api(base, token, "GET", "stages/all/?name=default-authentication-password", null)
                    .get("results").get(0).get("pk").asString();
            api(base, token, "PATCH", "stages/password/" + passwordStage + "/", Map.of("backends", List.of(
                    "authentik.core.auth.InbuiltBackend", "authentik.core.auth.TokenBackend")));

            // OAuth2 on the explicit-consent flow; the consent is remembered so that revoking it means something.
            String explicit = api(base, token, "GET",
                    "flows/instances/default-provider-authorization-explicit-consent/", null).get("pk").asString();
            JsonNode oauth = api(base, token, "POST", "providers/oauth2/", Map.of("name", "ui-consent",
                    "authorization_flow", explicit, "client_type", "confidential",
                    "redirect_uris", List.of(Map.of("matching_mode", "strict", "url", redirectUri))));
            api(base, token, "POST", "core/applications/", Map.of("slug", "consent-app", "name", "Consent App",
                    "provider", oauth.get("pk").asLong()));
            String consentStage = api(base, token, "GET", "stages/all/?name=default-provider-authorization-consent",
                    null).get("results").get(0).get("pk").asString();
            api(base, token, "PATCH", "stages/consent/" + consentStage + "/", Map.of("mode", "permanent"));

            BrowserTests.Result node = BrowserTests.nodeTest(dir, TEST, Map.of(
                    "GATEHOUSE_URL", "http://localhost:" + server.httpPort(),
                    "GATEHOUSE_USER", "ui-browser",
                    "GATEHOUSE_PASSWORD", password,
                    "GATEHOUSE_NEW_PASSWORD", "new-pw-" + BrowserTests.random(),
                    "GATEHOUSE_CLIENT_ID", oauth.get("client_id").asString(),
                    "GATEHOUSE_REDIRECT_URI", redirectUri,
                    "GATEHOUSE_LDAP_URL", "ldap://127.0.0.1:" + ldapPort,
                    "GATEHOUSE_LDAP_DN", "cn=ui-browser,ou=users,dc=ldap,dc=goauthentik,dc=io"));
            BrowserTests.assertAllPassed(node, TEST, server.stderr());
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).as(server.stderr()).isIn(0, 143);
        }
        BrowserTests.assertScreenshotsKept(List.of("user-portal.png", "user-portal-phone.png", "user-settings.png",
                "user-settings-phone.png", "user-token-created.png", "user-password-change.png"));
    }


    private static JsonNode api(String base, String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20));
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 204);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
