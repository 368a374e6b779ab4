package dev.gatehouse.web.admin.applications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application wizard over HTTP, as a signed-in superuser's browser posts it: an application the API refuses
 * leaves no provider behind and shows the error beside the prefixed input; an accepted one creates both, the
 * application using the provider, and answers with the result page (client secret, discovery URL, snippets).
 */
class ApplicationWizardTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static FlowClient signedIn() {
        FlowClient browser = new FlowClient(server.base());
        browser.run("default-authentication-flow", null, "akadmin", TestServer.ADMIN_PASSWORD);
        return browser;
    }

    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF field in\n%s", page).isTrue();
        return m.group(1);
    }

    private static String providers() {
        return server.get("/api/v3/providers/all/?page_size=1000", TestServer.ADMIN_TOKEN).body();
    }

    @Test
    void aRefusedApplicationLeavesNoProviderAndShowsItsErrorBesideTheInput() {
        HttpResponse<String> taken = server.send("POST", "/api/v3/core/applications/", TestServer.ADMIN_TOKEN,
                "{\"name\": \"Taken\", \"slug\": \"taken\"}");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        try (FlowClient browser = signedIn()) {
            String path = "/if/admin/applications/wizard/forward-single/";
            HttpResponse<String> form = browser.getDirect(path);
            assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
            assertThat(form.body()).contains("name=\"app.name\"").contains("name=\"provider.external_host\"")
                    .contains("name=\"provider.authorization_flow\"");

            Map<String, String> post = new LinkedHashMap<>();
            post.put("csrf", csrf(form.body()));
            post.put("app.name", "Rollback <script>alert(1)</script>");
            post.put("app.slug", "taken");
            post.put("provider.name", "Rollback provider");
            post.put("provider.external_host", "https://rollback.example.com");
            post.put("provider.authorization_flow", flowPk("default-provider-authorization-implicit-consent"));
            post.put("provider.invalidation_flow", flowPk("default-invalidation-flow"));
            post.put("provider.mode", "forward_single");
            post.put("embedded_outpost", "true");
            HttpResponse<String> refused = browser.postFormDirect(path, post);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).containsPattern("(?s)id=\"field-app\\.slug-errors\"><li>[^<]+</li>")
                    .contains("value=\"Rollback &lt;script>alert(1)&lt;/script>\"").doesNotContain("<script>alert(1)");
            assertThat(providers()).as("the provider made for the refused application is deleted again")
                    .doesNotContain("Rollback provider");

            post.put("csrf", csrf(refused.body()));
            post.put("app.slug", "rollback-app");
            HttpResponse<String> made = browser.postFormDirect(path, post);
            assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
            assertThat(made.body()).contains("Application created").doesNotContain("<script>alert(1)")
                    .contains("/outpost.goauthentik.io/auth/traefik")
                    .contains("uri /outpost.goauthentik.io/auth/caddy").contains("auth_request     /outpost.goauthentik.io/auth/nginx");
            assertThat(providers()).contains("Rollback provider");
            String app = server.get("/api/v3/core/applications/rollback-app/", TestServer.ADMIN_TOKEN).body();
            assertThat(app).contains("\"name\":\"Rollback provider\"");
        }
    }

    @Test
    void anOAuth2ApplicationShowsItsClientSecretAndDiscoveryUrlOnce() {
        try (FlowClient browser = signedIn()) {
            String path = "/if/admin/applications/wizard/oauth2/";
            HttpResponse<String> form = browser.getDirect(path);
            assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
            Map<String, String> post = new LinkedHashMap<>();
            post.put("csrf", csrf(form.body()));
            post.put("app.name", "Wiki");
            post.put("app.slug", "");
            post.put("provider.name", "");
            post.put("provider.authorization_flow", flowPk("default-provider-authorization-implicit-consent"));
            post.put("provider.invalidation_flow", flowPk("default-invalidation-flow"));
            post.put("provider.client_type", "confidential");
            HttpResponse<String> made = browser.postFormDirect(path, post);
            assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
            String provider = server.get("/api/v3/providers/oauth2/?page_size=100", TestServer.ADMIN_TOKEN).body();
            String secret = provider.replaceAll("(?s).*\"name\":\"Provider for Wiki\".*?\"client_secret\":\"([^\"]+)\".*", "$1");
            assertThat(made.body()).contains(secret)
                    .contains(server.base().replace("127.0.0.1", "127.0.0.1") + "/application/o/wiki/.well-known/openid-configuration");
            HttpResponse<String> again = browser.getDirect(path);
            assertThat(again.body()).doesNotContain(secret);
        }
    }

    private static String flowPk(String slug) {
        String body = server.get("/api/v3/flows/instances/?slug=" + slug, TestServer.ADMIN_TOKEN).body();
        Matcher m = Pattern.compile("\"pk\":\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }
}
