package dev.gatehouse.provider.proxy;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.provider.proxy.ProxyKit.location;
import static dev.gatehouse.provider.proxy.ProxyKit.setCookie;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Forward auth as reverse proxies use it, with {@code java.net.http} as the proxy: each adapter's request
 * shape, the seed 004 Traefik header list, the sign-in through this server's own authorize endpoint and login
 * flow, the fixes (foreign {@code rd}, forged identity headers), skip paths, HTTP Basic from group attributes,
 * header auth, domain mode across two hosts, the cached hot path without database queries, and revocation at
 * the next request. The sign-in and revocation run on H2 and PostgreSQL.
 */
class ForwardAuthTest {
    /** Seed 004's Traefik {@code authResponseHeaders} (without {@code authorization}), plus entitlements. */
    static final List<String> SEED_004_HEADERS = List.of("X-authentik-username", "X-authentik-groups",
            "X-authentik-entitlements", "X-authentik-email", "X-authentik-name", "X-authentik-uid", "X-authentik-jwt",
            "X-authentik-meta-jwks", "X-authentik-meta-outpost", "X-authentik-meta-provider", "X-authentik-meta-app",
            "X-authentik-meta-version");
    private static ProxyKit h2;
    private static ProxyKit postgres;
    private static final Map<String, String> CLIENT_IDS = new HashMap<>();

    @BeforeAll
    static void start() {
        h2 = new ProxyKit(TestServer.start());
        postgres = new ProxyKit(TestServer.startOnPostgres());
        for (ProxyKit kit : List.of(h2, postgres)) {
            kit.group("sonarr users", Map.of("sonarr_user", "sonarr-admin", "sonarr_password", "s3cret:pw"));
            kit.group("staff", Map.of("additionalHeaders", Map.of("X-Team", "staff", "X-Bad Name", "ignored")));
            String guarded = kit.group("guarded users", Map.of());
            kit.group("nobody", Map.of());
            List<String> all = List.of(kit.groupPk("sonarr users"), kit.groupPk("staff"), guarded);
            kit.user("alice", all, Map.of());
            kit.user("bob", List.of(), Map.of());
            CLIENT_IDS.put(kit == h2 ? "whoami" : "whoami-pg", kit.app("whoami", "http://whoami.test", Map.of())
                    .get("client_id").asString());
        }
        h2.app("sonarr", "https://sonarr.test/", Map.of("basic_auth_enabled", true, "basic_auth_user_attribute",
                "sonarr_user", "basic_auth_password_attribute", "sonarr_password", "skip_path_regex", "^/api/\n^/feed$"));
        h2.app("mail", "http://mail.test", Map.of("basic_auth_enabled", true, "basic_auth_user_attribute",
                "mail_user", "basic_auth_password_attribute", "sonarr_password"));
        h2.app("guarded", "http://guarded.test", Map.of());
        expect(h2.server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", h2.appPk("guarded"),
                "group", h2.groupPk("guarded users"), "order", 0)), 201);
        h2.app("home", "http://auth.home.test", Map.of("mode", "forward_domain", "cookie_domain", "home.test",
                "skip_path_regex", "^http://public\\.home\\.test/"));
        h2.app("short", "http://short.test", Map.of("access_token_validity", "seconds=2"));
        h2.app("headers-off", "http://headers-off.test", Map.of("intercept_header_auth", false));
        h2.app("lab", "http://auth.lab.test", Map.of("mode", "forward_domain", "cookie_domain", "lab.test",
                "skip_path_regex", "/static/"));
        String overriders = h2.group("overriders", Map.of("additionalHeaders", Map.of("X-authentik-username", "akadmin",
                "x_authentik_email", "root@evil.test", "X-AUTHENTIK-META-APP", "other", "X-Authentik-Groups", "admins",
                "Authorization", "Basic cm9vdDpyb290", "X-Extra", "kept")));
        h2.user("mallory", List.of(h2.groupPk("sonarr users"), overriders), Map.of());
    }

    @AfterAll
    static void stop() {
        for (ProxyKit kit : List.of(h2, postgres)) {
            kit.close();
            kit.server.close();
        }
    }

    private static ProxyKit kit(String kind) {
        return kind.equals("h2") ? h2 : postgres;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Signs {@code username} in at a protected URL (browser already signed in to the server) and returns the cookie. */
    private static String signedIn(ProxyKit kit, String username, String proto, String host, String uri) {
        String start = location(kit.traefik(proto, host, uri, null));
        HttpResponse<String> callback = kit.signIn(kit.browserOf(username), start, username);
        assertThat(location(callback)).isEqualTo(proto + "://" + host + uri);
        return setCookie(callback, "gatehouse_proxy_", null).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void traefikSignInRunsThroughAuthorizeAndTheLoginFlowThenAnswersTheSeedHeaders(String kind) throws Exception {
        ProxyKit kit = kit(kind);
        String clientId = CLIENT_IDS.get(kind.equals("h2") ? "whoami" : "whoami-pg");
        HttpResponse<String> first = kit.traefik("http", "whoami.test", "/private/page?x=1", null);
        String start = location(first);
        assertThat(start).isEqualTo("http://whoami.test/outpost.goauthentik.io/start?rd="
                + enc("http://whoami.test/private/page?x=1"));

        try (FlowClient browser = new FlowClient(kit.server.base())) {
            HttpResponse<String> started = kit.forward(URI.create(start), null);
            String authorize = location(started);
            String[] stateCookie = new String[1];
            String state = setCookie(started, "gatehouse_proxy_", stateCookie).orElseThrow();
            assertThat(stateCookie[0]).contains("Path=/outpost.goauthentik.io/", "HttpOnly", "SameSite=Lax")
                    .doesNotContain("Domain=");
            URI auth = URI.create(authorize);
            assertThat(auth.getRawQuery()).contains("client_id=" + clientId, "response_type=code",
                    "code_challenge_method=S256", "redirect_uri=" + enc("http://whoami.test/outpost.goauthentik.io/"
                            + "callback?X-authentik-auth-callback=true"));
            String callback = kit.throughAuthorize(browser, authorize, "alice");
            assertThat(callback).startsWith("http://whoami.test/outpost.goauthentik.io/callback?"
                    + "X-authentik-auth-callback=true&code=");

            HttpResponse<String> done = kit.forward(URI.create(callback), state);
            assertThat(location(done)).isEqualTo("http://whoami.test/private/page?x=1");
            String[] attributes = new String[1];
            String cookie = setCookie(done, "gatehouse_proxy_", attributes).orElseThrow();
            assertThat(cookie).startsWith("gatehouse_proxy_" + Secrets.sha256Hex(clientId).substring(0, 8) + "=");
            assertThat(attributes[0]).contains("Path=/;", "HttpOnly", "SameSite=Lax", "Max-Age=")
                    .doesNotContain("Secure", "Domain=");
            assertThat(done.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).contains("_state=;"));
            assertThat(kit.forward(URI.create(callback), state).statusCode()).as("a code is redeemed once").isEqualTo(400);

            HttpResponse<String> ok = kit.traefik("http", "whoami.test", "/private/page?x=1", cookie);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            for (String h : SEED_004_HEADERS) {
                assertThat(ok.headers().firstValue(h)).as(h).isPresent();
            }
            assertThat(ok.headers().firstValue("X-authentik-username")).hasValue("alice");
            assertThat(ok.headers().firstValue("X-authentik-email")).hasValue("alice@example.org");
            assertThat(ok.headers().firstValue("X-authentik-name")).hasValue("alice Example");
            assertThat(Set.of(ok.headers().firstValue("X-authentik-groups").orElseThrow().split("\\|")))
                    .containsExactlyInAnyOrder("sonarr users", "staff", "guarded users");
            assertThat(ok.headers().firstValue("X-authentik-meta-outpost")).hasValue("authentik Embedded Outpost");
            assertThat(ok.headers().firstValue("X-authentik-meta-provider")).hasValue("provider whoami");
            assertThat(ok.headers().firstValue("X-authentik-meta-app")).hasValue("whoami");
            assertThat(ok.headers().firstValue("X-authentik-meta-version").orElseThrow()).startsWith("goauthentik.io/outpost/");
            String jwks = ok.headers().firstValue("X-authentik-meta-jwks").orElseThrow();
            assertThat(jwks).isEqualTo(kit.server.base() + "/application/o/whoami/jwks/");
            assertThat(ok.headers().firstValue("X-Team")).as("additionalHeaders from group attributes").hasValue("staff");
            assertThat(ok.headers().firstValue("Authorization")).as("basic auth is off here").isEmpty();

            SignedJWT jwt = SignedJWT.parse(ok.headers().firstValue("X-authentik-jwt").orElseThrow());
            RSAKey key = (RSAKey) JWKSet.load(URI.create(jwks).toURL()).getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertThat(claims.getAudience()).containsExactly(clientId);
            assertThat(claims.getStringClaim("azp")).isEqualTo(clientId);
            assertThat(claims.getSubject()).isEqualTo(ok.headers().firstValue("X-authentik-uid").orElseThrow()).hasSize(64);
            assertThat(claims.getExpirationTime()).isInTheFuture();
        }
    }

    @Test
    void eachAdapterReadsTheOriginalRequestItsOwnWayAndSaysSignInAsItsProxyExpects() {
        String cookie = signedIn(h2, "alice", "http", "whoami.test", "/");
        String[] caddy = {"X-Forwarded-Method", "GET", "X-Forwarded-Proto", "http", "X-Forwarded-Host", "whoami.test",
                "X-Forwarded-Uri", "/c?d=1"};
        assertThat(username(h2.send("GET", "/outpost.goauthentik.io/auth/caddy", with(caddy, "Cookie", cookie))))
                .isEqualTo("alice");
        assertThat(location(h2.send("GET", "/outpost.goauthentik.io/auth/caddy", caddy)))
                .isEqualTo("http://whoami.test/outpost.goauthentik.io/start?rd=" + enc("http://whoami.test/c?d=1"));

        String[] nginxUrl = {"X-Original-URL", "http://whoami.test/n?x=1"};
        assertThat(username(h2.send("GET", "/outpost.goauthentik.io/auth/nginx", with(nginxUrl, "Cookie", cookie))))
                .isEqualTo("alice");
        String[] nginxUri = {"X-Original-URI", "/n?x=1", "X-Forwarded-Host", "whoami.test"};
        assertThat(username(h2.send("GET", "/outpost.goauthentik.io/auth/nginx", with(nginxUri, "Cookie", cookie))))
                .isEqualTo("alice");
        HttpResponse<String> nginxSignIn = h2.send("GET", "/outpost.goauthentik.io/auth/nginx", nginxUrl);
        assertThat(nginxSignIn.statusCode()).as("nginx's error_page 401 sends the browser to /start").isEqualTo(401);
        assertThat(nginxSignIn.headers().firstValue("Location")).isEmpty();

        assertThat(username(h2.send("POST", "/outpost.goauthentik.io/auth/envoy/e/f?g=h", "X-Forwarded-Host",
                "whoami.test", "Cookie", cookie))).isEqualTo("alice");
        assertThat(location(h2.send("GET", "/outpost.goauthentik.io/auth/envoy/e/f?g=h", "X-Forwarded-Host",
                "whoami.test"))).isEqualTo("http://whoami.test/outpost.goauthentik.io/start?rd="
                + enc("http://whoami.test/e/f?g=h"));

        assertThat(username(h2.traefik("http", "whoami.test", "/t", cookie))).isEqualTo("alice");
        HttpResponse<String> outpostPath = h2.traefik("http", "whoami.test", "/outpost.goauthentik.io/callback?x", null);
        assertThat(outpostPath.statusCode()).as("the outpost's own paths pass").isEqualTo(200);
        assertThat(outpostPath.headers().firstValue("X-authentik-username")).isEmpty();
    }

    private static String[] with(String[] headers, String... more) {
        String[] out = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, out, headers.length, more.length);
        return out;
    }

    private static String username(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("X-authentik-username").orElseThrow();
    }

    @Test
    void missingOriginalUrlHeadersAre500WithAConfigurationErrorEvent() {
        HttpResponse<String> traefik = h2.send("GET", "/outpost.goauthentik.io/auth/traefik", "X-Forwarded-Proto", "http",
                "X-Forwarded-Host", "whoami.test", "Cookie", "secret-cookie=do-not-log");
        assertThat(traefik.statusCode()).isEqualTo(500);
        assertThat(traefik.body()).contains("X-Forwarded-Uri").doesNotContain("X-Forwarded-Host,");
        HttpResponse<String> nginx = h2.send("GET", "/outpost.goauthentik.io/auth/nginx", "X-Forwarded-Host", "whoami.test");
        assertThat(nginx.statusCode()).isEqualTo(500);
        assertThat(nginx.body()).contains("X-Original-URL");

        JsonNode events = expect(h2.server.get("/api/v3/events/events/?action=configuration_error", ADMIN), 200)
                .get("results");
        assertThat(events.valueStream().map(e -> e.get("context").get("adapter").asString()))
                .contains("traefik", "nginx");
        assertThat(events.toString()).contains("X-Forwarded-Uri").doesNotContain("do-not-log");
    }

    @Test
    void singleModeWithoutAuthentikHostIsAConfigurationErrorPageNotARedirectLoop() {
        h2.embeddedOutpostHost("");
        try {
            String start = location(h2.traefik("http", "whoami.test", "/page", null));
            HttpResponse<String> r = h2.forward(URI.create(start), null);
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.headers().firstValue("Location")).isEmpty();
            assertThat(r.body()).contains("Sign-in is not configured").contains("authentik_host");
            JsonNode events = expect(h2.server.get("/api/v3/events/events/?action=configuration_error", ADMIN), 200)
                    .get("results");
            assertThat(events.valueStream().map(e -> e.get("context").path("application").asString("")))
                    .contains("whoami");
            // domain mode signs in at its external host, which this server answers: it keeps working
            assertThat(location(h2.forward(URI.create("http://auth.home.test/outpost.goauthentik.io/start?rd="
                    + enc("http://app1.home.test/x")), null))).contains("/application/o/authorize/?");
        } finally {
            h2.embeddedOutpostHost(h2.server.base());
        }
        assertThat(location(h2.forward(URI.create(location(h2.traefik("http", "whoami.test", "/page", null))), null)))
                .startsWith(h2.server.base() + "/application/o/authorize/?");
    }

    @Test
    void identityHeadersTheClientSendsAreRefusedNeverPassedOn() {
        String cookie = signedIn(h2, "bob", "http", "whoami.test", "/");
        HttpResponse<String> forged = h2.traefik("http", "whoami.test", "/", cookie, "X-authentik-username", "akadmin");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.headers().firstValue("X-authentik-username")).isEmpty();
        assertThat(forged.body()).contains("X-authentik-username");
        assertThat(h2.traefik("https", "sonarr.test", "/api/v3/queue", null, "x-authentik-groups", "admins")
                .statusCode()).as("not even on a skip path").isEqualTo(400);
        assertThat(h2.send("GET", "/outpost.goauthentik.io/auth/nginx", "X-Original-URL", "http://whoami.test/",
                "Cookie", cookie, "X-Authentik-Meta-App", "other").statusCode()).isEqualTo(400);
        assertThat(username(h2.traefik("http", "whoami.test", "/", cookie, "X-authentik-CSRF", "x")))
                .as("headers outside the identity set are the app's business").isEqualTo("bob");
        assertThat(expect(h2.server.get("/api/v3/events/events/?action=suspicious_request", ADMIN), 200).get("results")
                .toString()).contains("X-authentik-username");
    }

    @Test
    void lookAlikesOfIdentityHeadersWithUnderscoresOrAnyCaseAreRefusedToo() {
        String cookie = signedIn(h2, "bob", "http", "whoami.test", "/");
        for (String name : List.of("X_authentik_username", "x_AUTHENTIK_groups", "X-authentik_email",
                "X_Authentik-Meta-App", "x_authentik_meta_anything")) {
            HttpResponse<String> forged = h2.traefik("http", "whoami.test", "/", cookie, name, "akadmin");
            assertThat(forged.statusCode()).as(name).isEqualTo(400);
            assertThat(forged.body()).as(name).contains(name);
            assertThat(forged.headers().firstValue("X-authentik-username")).as(name).isEmpty();
        }
        assertThat(username(h2.traefik("http", "whoami.test", "/", cookie, "X_authentik_csrf", "x")))
                .as("look-alikes outside the identity set are the app's business").isEqualTo("bob");
    }

    @Test
    void aGroupsAdditionalHeadersCannotOverrideTheIdentityHeadersOrTheBasicCredentials() {
        String whoami = signedIn(h2, "mallory", "http", "whoami.test", "/");
        HttpResponse<String> r = h2.traefik("http", "whoami.test", "/", whoami);
        assertThat(r.headers().allValues("X-authentik-username")).containsExactly("mallory");
        assertThat(r.headers().allValues("X-authentik-email")).containsExactly("mallory@example.org");
        assertThat(r.headers().allValues("X-authentik-meta-app")).containsExactly("whoami");
        assertThat(r.headers().allValues("X-authentik-groups")).hasSize(1).noneMatch(g -> g.equals("admins"));
        assertThat(r.headers().map().keySet()).as("no underscore look-alike of an identity header")
                .noneMatch(n -> n.contains("_"));
        assertThat(r.headers().allValues("X-Extra")).containsExactly("kept");
        assertThat(r.headers().allValues("Authorization")).as("without Basic injection the attribute is the app's")
                .containsExactly("Basic cm9vdDpyb290");

        String sonarr = signedIn(h2, "mallory", "https", "sonarr.test", "/");
        HttpResponse<String> basic = h2.traefik("https", "sonarr.test", "/", sonarr);
        assertThat(basic.headers().allValues("Authorization")).as("the Basic injection wins").containsExactly("Basic "
                + Base64.getEncoder().encodeToString("sonarr-admin:s3cret:pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(basic.headers().allValues("X-authentik-username")).containsExactly("mallory");
    }

    @Test
    void dotSegmentsNeverTurnAProtectedPathIntoAnOutpostPath() {
        for (String uri : List.of("/outpost.goauthentik.io/../admin/", "/outpost.goauthentik.io/%2e%2e/admin/",
                "/outpost.goauthentik.io/%2E%2e/admin/", "/outpost.goauthentik.io/.%2e/admin/",
                "/outpost.goauthentik.io/start/../../admin/", "/outpost.goauthentik.io/./../admin/?x=1",
                "/outpost.goauthentik.io/", "/outpost.goauthentik.io/anything", "/outpost.goauthentik.io/start/x",
                "/outpost.goauthentik.io/startx", "/outpost.goauthentik.io/auth/envoy/admin/")) {
            HttpResponse<String> r = h2.traefik("http", "whoami.test", uri, null);
            assertThat(r.statusCode()).as(uri).isEqualTo(302);
            assertThat(location(r)).as(uri).startsWith("http://whoami.test/outpost.goauthentik.io/start?rd=");
        }
        for (String uri : List.of("/outpost.goauthentik.io/start?rd=x", "/outpost.goauthentik.io/callback",
                "/outpost.goauthentik.io/sign_out", "/outpost.goauthentik.io/auth/nginx",
                "/outpost.goauthentik.io/%73tart", "/x/../outpost.goauthentik.io/callback?y")) {
            HttpResponse<String> r = h2.traefik("http", "whoami.test", uri, null);
            assertThat(r.statusCode()).as("%s is an outpost endpoint", uri).isEqualTo(200);
            assertThat(r.headers().firstValue("X-authentik-username")).isEmpty();
        }
    }

    @Test
    void ambiguousPathsAreRefusedWith400() {
        String cookie = signedIn(h2, "bob", "http", "whoami.test", "/");
        for (String uri : List.of("/outpost.goauthentik.io/..%2fadmin/", "/outpost.goauthentik.io/..%2Fadmin/",
                "/outpost.goauthentik.io/..%5cadmin/", "/outpost.goauthentik.io/..\\admin/",
                "/outpost.goauthentik.io/..;/admin/", "/outpost.goauthentik.io/%00/../admin/", "/admin%",
                "/outpost.goauthentik.io//../admin/", "/%C0%AE%C0%AE/admin/")) {
            for (String c : java.util.Arrays.asList(null, cookie)) {
                HttpResponse<String> r = h2.traefik("http", "whoami.test", uri, c);
                assertThat(r.statusCode()).as("%s %s", uri, c).isEqualTo(400);
                assertThat(r.headers().firstValue("Location")).isEmpty();
                assertThat(r.headers().firstValue("X-authentik-username")).isEmpty();
            }
        }
        assertThat(h2.send("GET", "/outpost.goauthentik.io/auth/nginx", "X-Original-URL",
                "http://whoami.test/outpost.goauthentik.io/..%2fadmin/").statusCode()).isEqualTo(400);
    }

    @Test
    void skipPathsMatchTheCanonicalPathNeverDotSegmentsOrTheQuery() {
        for (String uri : List.of("/api/../admin/", "/api/%2e%2e/admin/", "/api/./../admin/", "/api/v3/../../admin",
                "/admin/?x=/api/", "/admin?/api/", "/feed/..", "/feed/.", "/feed/x/..", "/admin;/api/",
                "/api;x/../admin")) {
            HttpResponse<String> r = h2.traefik("https", "sonarr.test", uri, null);
            assertThat(r.statusCode()).as(uri).isEqualTo(302);
            assertThat(location(r)).as(uri).startsWith("https://sonarr.test/outpost.goauthentik.io/start?rd=");
        }
        for (String uri : List.of("/api/..%2fadmin/", "/api/..;/admin/", "/api//../admin")) {
            assertThat(h2.traefik("https", "sonarr.test", uri, null).statusCode()).as(uri).isEqualTo(400);
        }
        for (String uri : List.of("/api/x/../v3/queue", "/%61pi/v3", "/admin/../api/v3?x=1", "/x/../feed")) {
            HttpResponse<String> r = h2.traefik("https", "sonarr.test", uri, null);
            assertThat(r.statusCode()).as("%s is a skip path", uri).isEqualTo(200);
            assertThat(r.headers().firstValue("X-authentik-username")).isEmpty();
        }

        // domain mode: the canonical URL without the query (an unanchored "/static/" here)
        for (String uri : List.of("/admin?next=/static/", "/static/../admin", "/static/%2e%2e/admin", "/admin#/static/")) {
            HttpResponse<String> r = h2.traefik("http", "app.lab.test", uri, null);
            assertThat(r.statusCode()).as(uri).isIn(302, 400);
            assertThat(r.headers().firstValue("Location").orElse("")).as(uri)
                    .satisfiesAnyOf(l -> assertThat(l).isEmpty(), l -> assertThat(l).contains("/outpost.goauthentik.io/start"));
        }
        assertThat(h2.traefik("http", "app.lab.test", "/static/app.css?v=1", null).statusCode()).isEqualTo(200);
        assertThat(h2.traefik("http", "APP.Lab.test:80", "/x/../static/app.css", null).statusCode()).isEqualTo(200);
    }

    @Test
    void valuesOutsideAsciiReachTheUpstreamAsUtf8AndControlCharactersNever() {
        long carol = h2.user("carol", List.of(), Map.of());
        String cookie = signedIn(h2, "carol", "http", "whoami.test", "/");
        expect(h2.server.send("PATCH", "/api/v3/core/users/" + carol + "/", ADMIN, obj("name", "Jürgen Ölmann 李\r\nX-Evil: 1")),
                200);
        HttpResponse<String> r = h2.traefik("http", "whoami.test", "/", cookie);
        String onTheWire = r.headers().firstValue("X-authentik-name").orElseThrow();
        assertThat(new String(onTheWire.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
                .as("the user change reached the cached session at once").isEqualTo("Jürgen Ölmann 李X-Evil: 1");
        assertThat(r.headers().firstValue("X-Evil")).isEmpty();
    }

    @Test
    void unknownHostIs400NoAppForHostname() {
        for (String host : List.of("nothing.test", "evilhome.test", "whoami.test.evil.test")) {
            HttpResponse<String> r = h2.traefik("http", host, "/", null);
            assertThat(r.statusCode()).as(host).isEqualTo(400);
            assertThat(r.body()).isEqualTo("{\"Message\":\"no app for hostname\"}");
        }
        assertThat(h2.forward(URI.create("http://nothing.test/outpost.goauthentik.io/start?rd=x"), null).body())
                .isEqualTo("{\"Message\":\"no app for hostname\"}");
    }

    @Test
    void returnAddressesOutsideTheProvidersHostsAreRefusedNeverFollowed() {
        for (String rd : List.of("http://evil.test/", "http://whoami.test.evil.test/", "//evil.test/x",
                "http://whoami.test@evil.test/", "javascript:alert(1)", "http://whoami.test:8080/")) {
            HttpResponse<String> r = h2.forward(URI.create("http://whoami.test/outpost.goauthentik.io/start?rd="
                    + enc(rd)), null);
            assertThat(r.statusCode()).as(rd).isEqualTo(400);
            assertThat(r.headers().firstValue("Location")).as(rd).isEmpty();
            assertThat(r.body()).contains("not allowed");
        }
        assertThat(location(h2.forward(URI.create("http://auth.home.test/outpost.goauthentik.io/start?rd="
                + enc("http://app1.home.test/x")), null))).startsWith(h2.server.base() + "/application/o/authorize/?");
        assertThat(h2.forward(URI.create("http://auth.home.test/outpost.goauthentik.io/start?rd="
                + enc("http://evilhome.test/x")), null).statusCode()).isEqualTo(400);

        HttpResponse<String> tampered = h2.forward(URI.create("http://whoami.test/outpost.goauthentik.io/callback?"
                + "X-authentik-auth-callback=true&code=abc&state=eyJhbGciOi.forged"), null);
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aCallbackInAnotherBrowserIsNotAdoptedAndACodeNeedsItsStateCookie() {
        String start = location(h2.traefik("http", "whoami.test", "/mine", null));
        HttpResponse<String> started = h2.forward(URI.create(start), null);
        String callback = h2.throughAuthorize(h2.browserOf("bob"), location(started), "bob");
        HttpResponse<String> noCookie = h2.forward(URI.create(callback), null);
        assertThat(noCookie.statusCode()).isEqualTo(400);
        assertThat(setCookie(noCookie, "gatehouse_proxy_", null).filter(c -> !c.contains("_state="))).isEmpty();
        HttpResponse<String> otherBrowser = h2.forward(URI.create(callback), setCookie(h2.forward(URI.create(start), null),
                "gatehouse_proxy_", null).orElseThrow());
        assertThat(location(otherBrowser)).as("a sign-in this browser did not start begins again")
                .startsWith("http://whoami.test/outpost.goauthentik.io/start?rd=");
        assertThat(setCookie(otherBrowser, "gatehouse_proxy_", null).filter(c -> !c.contains("_state="))).isEmpty();
    }

    @Test
    void skipPathsPassWithoutIdentityByPathOrInDomainModeByUrl() {
        HttpResponse<String> api = h2.traefik("https", "sonarr.test", "/api/v3/system/status", null);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("X-authentik-username")).isEmpty();
        assertThat(h2.traefik("https", "sonarr.test", "/feed", null).statusCode()).isEqualTo(200);
        assertThat(location(h2.traefik("https", "sonarr.test", "/feed/more", null)))
                .startsWith("https://sonarr.test/outpost.goauthentik.io/start?rd=");
        assertThat(location(h2.traefik("https", "sonarr.test", "/web/api/", null))).as("matched against the path")
                .startsWith("https://sonarr.test/outpost.goauthentik.io/start");
        assertThat(h2.traefik("http", "public.home.test", "/anything", null).statusCode()).isEqualTo(200);
        assertThat(location(h2.traefik("http", "app1.home.test", "/", null)))
                .startsWith("http://auth.home.test/outpost.goauthentik.io/start?rd=");
    }

    @Test
    void basicAuthComesFromGroupAttributesWithTheEmailAsFallbackAsInSeed004() {
        String[] attributes = new String[1];
        String start = location(h2.traefik("https", "sonarr.test", "/", null));
        HttpResponse<String> callback = h2.signIn(h2.browserOf("alice"), start, "alice");
        String cookie = setCookie(callback, "gatehouse_proxy_", attributes).orElseThrow();
        assertThat(attributes[0]).as("Secure on https").contains("Secure");
        HttpResponse<String> sonarr = h2.traefik("https", "sonarr.test", "/", cookie);
        assertThat(sonarr.headers().firstValue("Authorization")).hasValue("Basic "
                + Base64.getEncoder().encodeToString("sonarr-admin:s3cret:pw".getBytes(StandardCharsets.UTF_8)));

        String mail = signedIn(h2, "alice", "http", "mail.test", "/inbox");
        assertThat(h2.traefik("http", "mail.test", "/inbox", mail).headers().firstValue("Authorization"))
                .hasValue("Basic " + Base64.getEncoder().encodeToString("alice@example.org:s3cret:pw"
                        .getBytes(StandardCharsets.UTF_8)));
        String bobMail = signedIn(h2, "bob", "http", "mail.test", "/inbox");
        assertThat(h2.traefik("http", "mail.test", "/inbox", bobMail).headers().firstValue("Authorization"))
                .as("no password attribute: the email alone").hasValue("Basic " + Base64.getEncoder()
                        .encodeToString("bob@example.org:".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void headerAuthAcceptsAppPasswordsAndThisProvidersTokensWithout302() {
        long alice = h2.userPk("alice");
        String appPassword = expect(h2.server.send("POST", "/api/v3/core/tokens/", ADMIN, obj("identifier",
                "alice-app-password", "intent", "app_password", "user", alice, "expiring", false)), 201)
                .get("key").asString();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("alice:" + appPassword)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> byBasic = h2.traefik("http", "whoami.test", "/api", null, "Authorization", basic);
        assertThat(username(byBasic)).isEqualTo("alice");
        String jwt = byBasic.headers().firstValue("X-authentik-jwt").orElseThrow();

        assertThat(username(h2.traefik("http", "whoami.test", "/api", null, "Authorization", "Bearer " + jwt)))
                .isEqualTo("alice");
        for (String bad : List.of("Basic " + Base64.getEncoder().encodeToString("alice:wrong".getBytes(StandardCharsets.UTF_8)),
                "Bearer not-a-token", "Negotiate abc")) {
            HttpResponse<String> r = h2.traefik("http", "whoami.test", "/api", null, "Authorization", bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(401);
            assertThat(r.headers().firstValue("Location")).isEmpty();
        }
        String otherProviders = signedIn(h2, "alice", "http", "mail.test", "/");
        String mailJwt = h2.traefik("http", "mail.test", "/", otherProviders).headers().firstValue("X-authentik-jwt")
                .orElseThrow();
        assertThat(h2.traefik("http", "whoami.test", "/api", null, "Authorization", "Bearer " + mailJwt).statusCode())
                .as("another provider's token").isEqualTo(401);
        assertThat(location(h2.traefik("http", "headers-off.test", "/", null, "Authorization", basic)))
                .as("intercept_header_auth off: the header is the app's").contains("/outpost.goauthentik.io/start");
    }

    @Test
    void groupBindingsAreCheckedAtSignInAndOnEveryRequest() {
        String start = location(h2.traefik("http", "guarded.test", "/", null));
        HttpResponse<String> started = h2.forward(URI.create(start), null);
        HttpResponse<String> bobAtAuthorize = h2.browserOf("bob").getDirect(location(started));
        assertThat(bobAtAuthorize.statusCode()).as("bob is not in the bound group").isEqualTo(403);

        String cookie = signedIn(h2, "alice", "http", "guarded.test", "/");
        assertThat(username(h2.traefik("http", "guarded.test", "/", cookie))).isEqualTo("alice");
        expect(h2.server.send("POST", "/api/v3/core/groups/" + h2.groupPk("guarded users") + "/remove_user/", ADMIN,
                obj("pk", h2.userPk("alice"))), 204);
        HttpResponse<String> denied = h2.traefik("http", "guarded.test", "/", cookie);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("Access denied");
        assertThat(denied.headers().firstValue("X-authentik-username")).isEmpty();
        expect(h2.server.send("POST", "/api/v3/core/groups/" + h2.groupPk("guarded users") + "/add_user/", ADMIN,
                obj("pk", h2.userPk("alice"))), 204);
        assertThat(username(h2.traefik("http", "guarded.test", "/", cookie))).isEqualTo("alice");
    }

    @Test
    void domainModeSignsInOnceAtTheExternalHostForEveryHostUnderTheCookieDomain() {
        String start = location(h2.traefik("http", "app1.home.test", "/one?x=1", null));
        assertThat(start).isEqualTo("http://auth.home.test/outpost.goauthentik.io/start?rd="
                + enc("http://app1.home.test/one?x=1"));
        HttpResponse<String> callback = h2.signIn(h2.browserOf("alice"), start, "alice");
        assertThat(location(callback)).isEqualTo("http://app1.home.test/one?x=1");
        String[] attributes = new String[1];
        String cookie = setCookie(callback, "gatehouse_proxy_", attributes).orElseThrow();
        assertThat(attributes[0]).contains("Domain=home.test", "Path=/;");
        HttpResponse<String> app2 = h2.traefik("http", "app2.home.test", "/two", cookie);
        assertThat(username(app2)).isEqualTo("alice");
        assertThat(app2.headers().firstValue("X-authentik-meta-app")).hasValue("home");

        HttpResponse<String> signOut = h2.forward(URI.create("http://auth.home.test/outpost.goauthentik.io/sign_out"),
                cookie);
        assertThat(location(signOut)).isEqualTo(h2.server.base() + "/application/o/home/end-session/");
        assertThat(signOut.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(cookie.substring(0, cookie.indexOf('=') + 1) + ";").contains("Domain=home.test", "Max-Age=0"));
        assertThat(location(h2.traefik("http", "app2.home.test", "/two", cookie))).contains("/outpost.goauthentik.io/start");
    }

    @Test
    void aCachedSessionIsAnsweredWithoutAnyDatabaseQuery() {
        String cookie = signedIn(h2, "alice", "http", "whoami.test", "/");
        h2.server.gatehouse().database().definitions().invalidate();
        long began = System.nanoTime();
        assertThat(username(h2.traefik("http", "whoami.test", "/", cookie))).isEqualTo("alice");
        double before = h2.forwardAuthQueries();
        assertThat(before).as("the reload after the invalidation was counted").isPositive();
        for (int i = 0; i < 200; i++) {
            assertThat(h2.traefik("http", "whoami.test", "/p" + i, cookie).statusCode()).isEqualTo(200);
        }
        double after = h2.forwardAuthQueries();
        assertThat(System.nanoTime() - began).as("the 200 requests ran within the cache's safety-net TTL")
                .isLessThan(ProxySessionCache.TTL.toNanos());
        assertThat(after - before).as("database queries for 200 cached requests").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void revocationTakesEffectOnTheNextRequest(String kind) {
        ProxyKit kit = kit(kind);
        String cookie = signedIn(kit, "alice", "http", "whoami.test", "/");
        assertThat(username(kit.traefik("http", "whoami.test", "/", cookie))).isEqualTo("alice");
        long alice = kit.userPk("alice");
        for (JsonNode s : expect(kit.server.get("/api/v3/core/authenticated_sessions/?user=" + alice, ADMIN), 200)
                .get("results")) {
            expect(kit.server.send("DELETE", "/api/v3/core/authenticated_sessions/" + s.get("uuid").asString() + "/",
                    ADMIN, null), 204);
        }
        assertThat(location(kit.traefik("http", "whoami.test", "/", cookie))).as("sessions deleted")
                .contains("/outpost.goauthentik.io/start");

        cookie = signedIn(kit, "alice", "http", "whoami.test", "/");
        expect(kit.server.send("PATCH", "/api/v3/core/users/" + alice + "/", ADMIN, obj("is_active", false)), 200);
        assertThat(location(kit.traefik("http", "whoami.test", "/", cookie))).as("user deactivated")
                .contains("/outpost.goauthentik.io/start");
        expect(kit.server.send("PATCH", "/api/v3/core/users/" + alice + "/", ADMIN, obj("is_active", true)), 200);

        cookie = signedIn(kit, "alice", "http", "whoami.test", "/");
        String binding = expect(kit.server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target",
                kit.appPk("whoami"), "group", kit.groupPk("nobody"), "order", 0)), 201).get("pk").asString();
        assertThat(kit.traefik("http", "whoami.test", "/", cookie).statusCode()).as("binding added").isEqualTo(403);
        expect(kit.server.send("DELETE", "/api/v3/policies/bindings/" + binding + "/", ADMIN, null), 204);
        assertThat(username(kit.traefik("http", "whoami.test", "/", cookie))).as("binding removed").isEqualTo("alice");

        HttpResponse<String> signOut = kit.forward(URI.create("http://whoami.test/outpost.goauthentik.io/sign_out"),
                cookie);
        assertThat(location(signOut)).isEqualTo(kit.server.base() + "/application/o/whoami/end-session/");
        assertThat(location(kit.traefik("http", "whoami.test", "/", cookie))).as("signed out")
                .contains("/outpost.goauthentik.io/start");
    }

    @Test
    void anExpiredSessionSignsInAgain() throws InterruptedException {
        String cookie = signedIn(h2, "alice", "http", "short.test", "/");
        assertThat(username(h2.traefik("http", "short.test", "/", cookie))).isEqualTo("alice");
        Thread.sleep(2_200);
        assertThat(location(h2.traefik("http", "short.test", "/", cookie))).contains("/outpost.goauthentik.io/start");
    }
}
