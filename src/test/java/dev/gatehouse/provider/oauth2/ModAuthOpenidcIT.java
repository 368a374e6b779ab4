package dev.gatehouse.provider.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.cli.GatehouseProcess;
import dev.gatehouse.web.BrowserTests;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The provider behind a real third-party relying party: Apache httpd with mod_auth_openidc (Debian's
 * libapache2-mod-auth-openidc) protecting an SSI page that prints {@code REMOTE_USER} and the
 * {@code OIDC_CLAIM_*} variables, configured from the application's discovery document. A Gatehouse server
 * process gets a group, a user in it with a known email, and a confidential provider (authorization redirect
 * URI mod_auth_openidc's, logout redirect URI a page of Apache's) through the REST API; then headless Chromium
 * ({@code browser-tests/mod-auth-openidc.test.mjs}) signs in through Gatehouse's login page, checks the
 * claims Apache saw and its {@code Require claim groups:} decisions, and logs out through mod_auth_openidc's
 * logout URL and Gatehouse's end-session endpoint.
 */
class ModAuthOpenidcIT {
    private static final String TEST = "mod-auth-openidc.test.mjs";
    private static final String SLUG = "apache-mod-auth-openidc";
    private static final String USERNAME = "wiki-alice";
    private static final String EMAIL = "alice@wiki.example.org";
    private static final String GROUP = "wiki-editors";
    /** What the SSI page prints: each variable in a {@code <dd>} with an id the node test reads. */
    private static final String WHOAMI = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Who am I (Apache)</title></head><body>
            <dl>
            <dt>REMOTE_USER</dt><dd id="remote-user"><!--#echo var="REMOTE_USER" --></dd>
            <dt>OIDC_CLAIM_preferred_username</dt><dd id="preferred-username"><!--#echo var="OIDC_CLAIM_preferred_username" --></dd>
            <dt>OIDC_CLAIM_email</dt><dd id="email"><!--#echo var="OIDC_CLAIM_email" --></dd>
            <dt>OIDC_CLAIM_groups</dt><dd id="groups"><!--#echo var="OIDC_CLAIM_groups" --></dd>
            <dt>OIDC_CLAIM_sub</dt><dd id="sub"><!--#echo var="OIDC_CLAIM_sub" --></dd>
            </dl>
            </body></html>
            """;
    private static final List<String> MODULES = List.of("mpm_event", "authn_core", "authz_core", "authz_user", "mime",
            "include", "auth_openidc");

    @TempDir
    Path dir;

    @Test
    void apacheModAuthOpenidcSignsInThroughGatehouseSeesTheClaimsAndLogsOut() throws Exception {
        BrowserTests.installPackages(dir);

        String adminToken = "tk-" + random();
        String password = "pw-" + random();
        Map<String, String> env = new LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("data")));
        env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", "pw-" + random());
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", adminToken);
        int apachePort = GatehouseProcess.freePort();
        String apache = "http://localhost:" + apachePort;
        String redirectUri = apache + "/protected/redirect_uri";
        String loggedOut = apache + "/logged-out.html";
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server");
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
             ApacheHttpd httpd = ApacheHttpd.create(apachePort)) {
            server.awaitReady();
            String gatehouse = "http://localhost:" + server.httpPort();
            Api api = new Api(http, gatehouse, adminToken);

            String group = api.send("POST", "/api/v3/core/groups/", Map.of("name", GROUP), 201).get("pk").asString();
            long user = api.send("POST", "/api/v3/core/users/", Map.of("username", USERNAME, "name", "Alice Wiki",
                    "email", EMAIL, "groups", List.of(group)), 201).get("pk").asLong();
            api.send("POST", "/api/v3/core/users/" + user + "/set_password/", Map.of("password", password), 204);
            String flow = api.send("GET", "/api/v3/flows/instances/default-provider-authorization-implicit-consent/",
                    null, 200).get("pk").asString();
            long provider = api.send("POST", "/api/v3/providers/oauth2/", Map.of("name", "Apache mod_auth_openidc",
                    "authorization_flow", flow, "client_type", "confidential", "redirect_uris", List.of(
                            Map.of("matching_mode", "strict", "url", redirectUri),
                            Map.of("matching_mode", "strict", "url", loggedOut, "redirect_uri_type", "logout"))),
                    201).get("pk").asLong();
            api.send("POST", "/api/v3/core/applications/", Map.of("name", "Apache mod_auth_openidc", "slug", SLUG,
                    "provider", provider), 201);
            JsonNode client = api.send("GET", "/api/v3/providers/oauth2/" + provider + "/", null, 200);

            for (String dirName : List.of("protected", "members", "others")) {
                httpd.page(dirName + "/whoami.shtml", WHOAMI);
            }
            httpd.page("logged-out.html", "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>Signed out</title></head><body><p>Signed out of the Apache application.</p></body></html>");
            httpd.start(MODULES, site(httpd.root(), gatehouse, apache, client.get("client_id").asString(),
                    client.get("client_secret").asString()));

            BrowserTests.Result node = BrowserTests.nodeTest(dir, TEST, Map.of(
                    "GATEHOUSE_URL", gatehouse,
                    "GATEHOUSE_SLUG", SLUG,
                    "APACHE_URL", apache,
                    "APACHE_LOGOUT_TARGET", loggedOut,
                    "GATEHOUSE_USER", USERNAME,
                    "GATEHOUSE_PASSWORD", password,
                    "GATEHOUSE_EMAIL", EMAIL,
                    "GATEHOUSE_GROUP", GROUP));
            BrowserTests.assertAllPassed(node, TEST, server.stderr() + "\nApache:\n" + httpd.logs());

            // nothing went wrong on Apache's side that the pages did not show; the one refusal expected is the
            // group check of /others/
            assertThat(httpd.logLines("auth_openidc", List.of("error", "crit", "alert", "emerg")))
                    .as("mod_auth_openidc errors\n%s", httpd.logs()).isEmpty();
            assertThat(httpd.logLines("*", List.of("crit", "alert", "emerg"))).as(httpd.logs()).isEmpty();
            assertThat(httpd.logLines("authz_core", List.of("error")))
                    .as(httpd.logs()).singleElement().asString().contains("/others/whoami.shtml");
            assertThat(httpd.stop()).as(httpd.logs()).isZero();
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).as(server.stderr()).isIn(0, 143);
        }
    }

    /**
     * Apache's site: the pages, mod_auth_openidc configured from the application's discovery document (PKCE S256,
     * claims as environment variables, REMOTE_USER from preferred_username), {@code /protected/} for any signed-in
     * user, {@code /members/} for members of {@link #GROUP}, {@code /others/} for members of a group the user is
     * not in.
     */
    private static String site(Path root, String gatehouse, String apache, String clientId, String clientSecret) {
        Path htdocs = root.resolve("htdocs");
        return """
                TypesConfig /dev/null
                AddType text/html .html .shtml
                DocumentRoot "%1$s"
                <Directory "%1$s">
                  Require all granted
                  Options +Includes
                  AddOutputFilter INCLUDES .shtml
                </Directory>

                OIDCProviderMetadataURL %2$s/application/o/%3$s/.well-known/openid-configuration
                OIDCClientID "%4$s"
                OIDCClientSecret "%5$s"
                OIDCRedirectURI %6$s/protected/redirect_uri
                OIDCCryptoPassphrase "%7$s"
                OIDCScope "openid email profile"
                OIDCPKCEMethod S256
                OIDCRemoteUserClaim preferred_username
                OIDCPassClaimsAs environment

                <Location /protected/>
                  AuthType openid-connect
                  Require valid-user
                </Location>
                <Location /members/>
                  AuthType openid-connect
                  Require claim groups:%8$s
                </Location>
                <Location /others/>
                  AuthType openid-connect
                  Require claim groups:%8$s-admins
                </Location>
                """.formatted(htdocs, gatehouse, SLUG, clientId, clientSecret, apache, "cp-" + random(), GROUP);
    }

    private static String random() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** One REST API call with the bootstrap token; the answer's status checked, its JSON body returned. */
    private record Api(HttpClient http, String base, String token) {
        JsonNode send(String method, String path, Object body, int expected) {
            return ApiTestSupport.expect(ApiTestSupport.send(http, base + path, method, token,
                    body == null ? null : HttpRequest.BodyPublishers.ofString(ApiTestSupport.JSON.writeValueAsString(body)),
                    "Accept", "application/json"), expected);
        }
    }
}
