package dev.gatehouse.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.provider.proxy.ProxyTestServer.ProxyApp;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forward auth behind Debian's Caddy with seed 002's {@code forward_auth} snippet ({@link ProxyRecipes}): the
 * scenarios of {@link ForwardAuthScenarios}, where a browser without a session gets Gatehouse's own 302 to the
 * authorize endpoint through Caddy; then domain-level forward auth (one sign-in on
 * {@code a.apps.localhost} covers {@code b.apps.localhost}, the cookie set for the cookie domain on the provider's
 * external host {@code auth.apps.localhost}, a plain Caddy site for Gatehouse), {@code rd} outside the cookie
 * domain, and a host no application has (400).
 */
class CaddyForwardAuthIT extends ForwardAuthScenarios {
    private static final String COOKIE_DOMAIN = "apps.localhost";

    private CaddyServer caddy;
    private ProxyApp domain;

    @Override
    protected void moreSetUp(List<String> plainHosts, List<String> basicHosts) {
        domain = gatehouse.proxyApp("apps-domain", "forward_domain", host("auth." + COOKIE_DOMAIN),
                Map.of("cookie_domain", COOKIE_DOMAIN));
        gatehouseAuthorities.add(domain.authority());
        plainHosts.addAll(List.of("a." + COOKIE_DOMAIN, "b." + COOKIE_DOMAIN, "unknown.localhost",
                "auth." + COOKIE_DOMAIN));
    }

    @Override
    protected void startProxy(List<String> plainHosts, List<String> basicHosts) throws Exception {
        StringBuilder sites = new StringBuilder(ProxyRecipes.caddySnippets(gatehouse.outpost()));
        for (String h : plainHosts) {
            sites.append(h.equals("auth." + COOKIE_DOMAIN)
                    ? ProxyRecipes.caddyPlainSite(h, port, gatehouse.outpost())
                    : ProxyRecipes.caddyProtectedSite(h, port, ProxyRecipes.CADDY_SNIPPET, upstreamOf(h)));
        }
        for (String h : basicHosts) {
            sites.append(ProxyRecipes.caddyProtectedSite(h, port, ProxyRecipes.CADDY_SNIPPET_BASIC, upstreamOf(h)));
        }
        CaddyServer server = CaddyServer.create(port);
        try {
            server.start(sites.toString());
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        caddy = server;
    }

    @Override
    protected void stopProxy() throws Exception {
        if (caddy != null) {
            try (CaddyServer c = caddy) {
                assertThat(c.stop()).as(c.logs()).isZero();
            }
        }
    }

    @Override
    protected String proxyLogs() {
        return caddy == null ? "" : caddy.logs();
    }

    @Override
    protected URI assertSentToSignIn(Curl.Response response, ProxyApp app, String url, Curl curl) {
        assertThat(response.status()).as("%s\n%s", response, gatehouse.stderr()).isEqualTo(302);
        URI next = response.location();
        // Gatehouse sends the browser through its /start on the app's host first (it sets the sign-in state
        // cookie there, README "Forward auth"), which leads on to the authorize endpoint.
        if (next.getPath().equals("/outpost.goauthentik.io/start")) {
            Curl.Response start = curl.get(next.toString());
            assertThat(start.status()).as(start.toString()).isEqualTo(302);
            next = start.location();
        }
        return next;
    }

    @Override
    protected List<String> identityHeaders() {
        return ProxyRecipes.SEED_002_COPY_HEADERS;
    }

    @Test
    void domainLevelSignInCoversEveryHostUnderTheCookieDomain() {
        Curl curl = browser();
        String first = host("a." + COOKIE_DOMAIN) + "/one?x=1";
        echo.forget();
        Curl.Response unauthenticated = curl.get(first);
        assertAuthorizeRequest(assertSentToSignIn(unauthenticated, domain, first, curl), domain, domain.externalHost());
        assertThat(echo.requests()).isEmpty();

        EchoUpstream.Seen a = signIn(curl, first, gatehouse.admin());
        assertThat(a.single("X-authentik-username")).isEqualTo(ProxyTestServer.ADMIN);
        Curl.Cookie cookie = cookie(curl, domain);
        assertThat(cookie.domain()).as("Domain=%s: %s", COOKIE_DOMAIN, cookie).isEqualTo("." + COOKIE_DOMAIN);
        assertThat(cookie.includeSubdomains()).isTrue();
        assertThat(cookie.httpOnly()).isTrue();

        // the other host is served at once: no redirect, no second sign-in
        echo.forget();
        Curl.Response b = curl.get(host("b." + COOKIE_DOMAIN) + "/two");
        EchoUpstream.Seen seenB = b.echoed();
        assertThat(seenB.single("X-authentik-username")).isEqualTo(ProxyTestServer.ADMIN);
        assertThat(seenB.single("Host")).isEqualTo("b." + COOKIE_DOMAIN + ":" + port);
        assertThat(echo.requests()).extracting(EchoUpstream.Seen::uri).containsExactly("/two");

        // rd: a host under the cookie domain is followed, others are not
        String underDomain = host("b." + COOKIE_DOMAIN) + "/here";
        String start = domain.url(START + "?rd=");
        SignInWalk.Result followed = walk(curl, start + encode(underDomain), gatehouse.admin());
        assertThat(followed.last().url()).as(followed.toString()).isEqualTo(underDomain);
        for (String outside : List.of(host("evil" + COOKIE_DOMAIN) + "/", host("app.localhost") + "/",
                "http://" + COOKIE_DOMAIN + ".evil.example/")) {
            SignInWalk.Result walk = walk(curl, start + encode(outside), gatehouse.admin());
            assertThat(walk.escapedTo()).as("rd=%s\n%s", outside, walk).isEmpty();
            assertThat(walk.last().url()).as("rd=%s\n%s", outside, walk).doesNotStartWith(outside);
        }
    }

    @Test
    void aHostWithoutAnApplicationAnswers400() {
        echo.forget();
        Curl.Response r = browser().get(host("unknown.localhost") + "/");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(EchoUpstream.JSON.readTree(r.body()).get("Message").asString()).isEqualTo("no app for hostname");
        assertThat(echo.requests()).isEmpty();
    }
}
