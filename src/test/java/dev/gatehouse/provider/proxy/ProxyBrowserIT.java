package dev.gatehouse.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import dev.gatehouse.provider.proxy.ProxyTestServer.ProxyApp;
import dev.gatehouse.web.BrowserTests;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forward auth in a real browser: headless Chromium ({@code browser-tests/forward-auth.test.mjs}, playwright-core
 * driving Debian's chromium) through Debian's Caddy with seed 002's snippet, in front of the {@link EchoUpstream}.
 * A Gatehouse server process gets a forward_single provider for {@code app.localhost} and a forward_domain one for
 * the cookie domain {@code apps.localhost} (external host {@code auth.apps.localhost}, a plain Caddy site for
 * Gatehouse) through the REST API; the browser signs in through Gatehouse's login page and comes back to the app,
 * whose upstream saw {@code X-authentik-username}; domain mode signs in once for {@code a.} and {@code b.apps.localhost};
 * {@code sign_out} ends the proxy session. Skipped while the build has no proxy provider API.
 */
class ProxyBrowserIT {
    private static final String TEST = "forward-auth.test.mjs";
    private static final String COOKIE_DOMAIN = "apps.localhost";

    @TempDir
    Path dir;

    @Test
    void chromiumSignsInThroughCaddyAndGatehouseAndTheAppSeesTheUser() throws Exception {
        try (ProxyTestServer gatehouse = ProxyTestServer.start(dir.resolve("gatehouse"))) {
            BrowserTests.installPackages(dir);
            int port = GatehouseProcess.freePort();
            String appUrl = "http://app.localhost:" + port;
            ProxyApp app = gatehouse.proxyApp("browser-app", "forward_single", appUrl, Map.of());
            ProxyApp domain = gatehouse.proxyApp("browser-domain", "forward_domain",
                    "http://auth." + COOKIE_DOMAIN + ":" + port, Map.of("cookie_domain", COOKIE_DOMAIN));
            try (EchoUpstream echo = EchoUpstream.start(); CaddyServer caddy = CaddyServer.create(port)) {
                StringBuilder sites = new StringBuilder(ProxyRecipes.caddySnippets(gatehouse.outpost()));
                for (String host : new String[] {"app.localhost", "a." + COOKIE_DOMAIN, "b." + COOKIE_DOMAIN}) {
                    sites.append(ProxyRecipes.caddyProtectedSite(host, port, ProxyRecipes.CADDY_SNIPPET, echo.address()));
                }
                sites.append(ProxyRecipes.caddyPlainSite("auth." + COOKIE_DOMAIN, port, gatehouse.outpost()));
                caddy.start(sites.toString());

                BrowserTests.Result node = BrowserTests.nodeTest(dir, TEST, Map.of(
                        "APP_URL", appUrl,
                        "APP_SLUG", app.slug(),
                        "APP_COOKIE", app.cookieName(),
                        "DOMAIN_A_URL", "http://a." + COOKIE_DOMAIN + ":" + port,
                        "DOMAIN_B_URL", "http://b." + COOKIE_DOMAIN + ":" + port,
                        "DOMAIN_COOKIE", domain.cookieName(),
                        "COOKIE_DOMAIN", COOKIE_DOMAIN,
                        "GATEHOUSE_USER", ProxyTestServer.ADMIN,
                        "GATEHOUSE_PASSWORD", gatehouse.admin().password()));
                BrowserTests.assertAllPassed(node, TEST, gatehouse.stderr() + "\nCaddy:\n" + caddy.logs());

                // what the browser read is what reached the upstream: the user, on each host
                for (String host : new String[] {"app.localhost", "a." + COOKIE_DOMAIN, "b." + COOKIE_DOMAIN}) {
                    assertThat(echo.requests()).as("requests to %s at the upstream", host)
                            .filteredOn(s -> s.single("Host").equals(host + ":" + port)).isNotEmpty()
                            .allSatisfy(s -> assertThat(s.single("X-Authentik-Username")).isEqualTo(ProxyTestServer.ADMIN));
                }
                assertThat(caddy.stop()).as(caddy.logs()).isZero();
            }
        }
    }
}
