package dev.gatehouse.web.admin.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The wizard's reverse-proxy snippets and the recipes of {@code docs/forward-auth.md} are one text: for the
 * documentation's example (Gatehouse at {@code http://gatehouse:9000}, the application at
 * {@code https://app.example.com}) the Caddy and nginx snippets are exactly the documented blocks.
 */
class ForwardAuthSnippetsTest {
    private static final ForwardAuthSnippets DOCUMENTED = new ForwardAuthSnippets("http://gatehouse:9000",
            "https://app.example.com", null, false);

    private static String block(String language) throws IOException {
        String doc = Files.readString(Path.of("docs/forward-auth.md"));
        Matcher m = Pattern.compile("(?s)```" + language + "\\n(.*?)```").matcher(doc);
        assertThat(m.find()).as("a %s block in docs/forward-auth.md", language).isTrue();
        return m.group(1);
    }

    @Test
    void caddySnippetIsTheDocumentedRecipe() throws IOException {
        assertThat(DOCUMENTED.caddy()).isEqualTo(block("caddy"));
    }

    @Test
    void nginxConfigurationIsTheDocumentedRecipe() throws IOException {
        assertThat(DOCUMENTED.nginx()).isEqualTo(block("nginx"));
    }

    @Test
    void traefikMiddlewarePassesTheDocumentedHeadersAndAuthorizationOnlyWithBasicAuth() throws IOException {
        String labels = block("yaml");
        String documented = labels.replaceAll("(?s).*forwardauth\\.authResponseHeaders: ([^\\n]+).*", "$1");
        assertThat(String.join(",", ForwardAuthSnippets.TRAEFIK_HEADERS)).isEqualTo(documented);
        assertThat(DOCUMENTED.traefik()).contains("address: http://gatehouse:9000/outpost.goauthentik.io/auth/traefik\n")
                .contains("          - X-authentik-meta-version\n").doesNotContain("- Authorization")
                .contains("rule: Host(`app.example.com`) && PathPrefix(`/outpost.goauthentik.io/`)");
        ForwardAuthSnippets basic = new ForwardAuthSnippets("http://gatehouse:9000", "https://app.example.com", null, true);
        assertThat(basic.traefik()).contains("          - X-authentik-meta-version\n          - Authorization\n");
        assertThat(basic.caddy()).contains(" X-Authentik-Meta-Version Authorization\n");
        assertThat(basic.nginx()).contains("\n        auth_request_set $authentik_auth $upstream_http_authorization;\n");
    }

    @Test
    void domainModeProtectsSitesUnderTheCookieDomainAndRoutesTheAuthenticationUrlToGatehouse() {
        ForwardAuthSnippets domain = new ForwardAuthSnippets("https://gatehouse.example.com/", "https://auth.example.com",
                ".example.com", false);
        assertThat(domain.caddy()).contains("auth.example.com {\n\treverse_proxy https://gatehouse.example.com\n}")
                .contains("# every site under example.com imports the snippet, for example:\napp.example.com {\n\timport gatehouse\n");
        assertThat(domain.traefik()).doesNotContain("routers:");
        assertThat(new ForwardAuthSnippets("http://localhost:9000", "http://app.localhost:8080", null, false).caddy())
                .contains("http://app.localhost:8080 {\n\timport gatehouse\n\treverse_proxy app:8080\n}");
    }
}
