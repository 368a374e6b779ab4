package dev.gatehouse.provider.proxy;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.provider.proxy.ProxyKit.location;
import static dev.gatehouse.provider.proxy.ProxyKit.setCookie;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proxy mode: the server itself forwards a proxy-mode provider's host to its internal host, after the same
 * decision as forward auth; an upstream that echoes what it received shows the identity headers, the Host
 * rules and the streamed bodies; an upstream that is down is a 502 page.
 */
class ProxyModeTest {
    private static final int BIG = 3 * 1024 * 1024;
    private static ProxyKit kit;
    private static HttpServer upstream;

    @BeforeAll
    static void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ProxyModeTest::echo);
        upstream.start();
        kit = new ProxyKit(TestServer.start());
        kit.user("dora", List.of(), Map.of());
        kit.user("erin", List.of(kit.group("erin's", Map.of("additionalHeaders", Map.of("X-authentik-username", "akadmin",
                "X_authentik_email", "root@evil.test", "X-Extra", "kept")))), Map.of());
        kit.app("proxied", "http://proxied.test", Map.of("mode", "proxy", "internal_host",
                "http://127.0.0.1:" + upstream.getAddress().getPort() + "/base/", "skip_path_regex", "^/public/"));
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        kit.app("down", "http://down.test", Map.of("mode", "proxy", "internal_host", "http://127.0.0.1:" + closed));
    }

    @AfterAll
    static void stop() {
        kit.close();
        kit.server.close();
        upstream.stop(0);
    }

    /** Answers with what it received; {@code /base/big} streams {@link #BIG} bytes. */
    private static void echo(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        if (ex.getRequestURI().getPath().equals("/base/big")) {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'x');
                for (int i = 0; i < BIG / chunk.length; i++) {
                    out.write(chunk);
                }
            }
            return;
        }
        Map<String, String> seen = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        String text = ex.getRequestMethod() + " " + ex.getRequestURI() + "\n" + seen + "\nbody=" +
                new String(body, StandardCharsets.UTF_8);
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("X-Upstream", "yes");
        ex.getResponseHeaders().add("Connection", "close, X-Upstream");
        ex.sendResponseHeaders(201, out.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(out);
        }
    }

    private static HttpResponse<String> browser(String method, String pathAndQuery, String cookie, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kit.server.base() + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).header("X-Forwarded-Host", "proxied.test")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        try {
            return kit.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String signedIn() {
        return signedIn("dora");
    }

    private static String signedIn(String username) {
        HttpResponse<String> first = browser("GET", "/app/page?q=1", null, null);
        String start = location(first);
        assertThat(start).isEqualTo("http://proxied.test/outpost.goauthentik.io/start?rd="
                + java.net.URLEncoder.encode("http://proxied.test/app/page?q=1", StandardCharsets.UTF_8));
        HttpResponse<String> callback = kit.signIn(kit.browserOf(username), start, username);
        assertThat(location(callback)).isEqualTo("http://proxied.test/app/page?q=1");
        return setCookie(callback, "gatehouse_proxy_", null).orElseThrow();
    }

    @Test
    void aSignedInRequestReachesTheInternalHostWithTheIdentityAndItsBodyBothWays() {
        String cookie = signedIn();
        HttpResponse<String> r = browser("POST", "/upload?x=1&y=%20z", cookie, "hello upstream");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("X-Upstream")).hasValue("yes");
        assertThat(r.body()).startsWith("POST /base/upload?x=1&y=%20z\n")
                .contains("x-authentik-username=dora", "x-authentik-email=dora@example.org",
                        "x-forwarded-host=proxied.test", "x-forwarded-proto=http",
                        "host=127.0.0.1:" + upstream.getAddress().getPort())
                .endsWith("body=hello upstream");
        assertThat(r.body()).as("Gatehouse's own cookies never reach the app (issue 13 changes this)")
                .doesNotContain("cookie=", "gatehouse_");

        HttpResponse<String> big = browser("GET", "/big", cookie, null);
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(big.body()).hasSize(BIG).matches("x+");
    }

    @Test
    void withoutASessionOnlySkipPathsReachTheUpstreamAndThenWithoutIdentity() {
        HttpResponse<String> skip = browser("GET", "/public/logo.png", null, null);
        assertThat(skip.statusCode()).isEqualTo(201);
        assertThat(skip.body()).startsWith("GET /base/public/logo.png").doesNotContain("x-authentik-username");
        assertThat(browser("GET", "/private", null, null).statusCode()).isEqualTo(302);
        HttpResponse<String> withForged = kit.send("GET", "/public/x", "X-Forwarded-Host", "proxied.test",
                "X-authentik-username", "akadmin");
        assertThat(withForged.statusCode()).isEqualTo(400);
    }

    @Test
    void dotSegmentsAreResolvedBeforeTheDecisionAndTheUpstreamGetsTheCanonicalPath() {
        for (String path : List.of("/public/../admin", "/public/%2e%2e/admin", "/public/%2E%2E/admin/x",
                "/public/./../admin", "/outpost.goauthentik.io/../admin", "/outpost.goauthentik.io/%2e%2e/admin",
                "/admin?x=/public/", "/admin;/public/")) {
            HttpResponse<String> r = browser("GET", path, null, null);
            assertThat(r.statusCode()).as("%s\n%s", path, r.body()).isEqualTo(302);
            assertThat(r.headers().firstValue("X-Upstream")).as(path).isEmpty();
            assertThat(location(r)).as(path).startsWith("http://proxied.test/outpost.goauthentik.io/start?rd=");
        }
        for (String path : List.of("/public/..%2fadmin", "/public/..%5cadmin", "/public/..;/admin", "/public//../admin",
                "/public/%00/../../admin")) {
            HttpResponse<String> r = browser("GET", path, null, null);
            assertThat(r.statusCode()).as("%s\n%s", path, r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("X-Upstream")).as(path).isEmpty();
        }
        HttpResponse<String> skip = browser("GET", "/x/../public/%61/./b?q=%2e%2e/../", null, null);
        assertThat(skip.statusCode()).as(skip.body()).isEqualTo(201);
        assertThat(skip.body()).startsWith("GET /base/public/a/b?q=%2e%2e/../\n");

        String cookie = signedIn();
        HttpResponse<String> r = browser("GET", "/x/./y/../%7Ez?a=..%2f", cookie, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).startsWith("GET /base/x/~z?a=..%2f\n");
        assertThat(browser("GET", "/x/..%2f..%2fetc/passwd", cookie, null).statusCode()).isEqualTo(400);
    }

    @Test
    void gatehouseCookiesNeverReachTheUpstreamAndTheAppsOwnDo() {
        String cookie = signedIn();
        HttpResponse<String> r = browser("GET", "/cookies", "theme=dark; " + cookie
                + "; gatehouse_session=SESSION-VALUE; gatehouse_csrf=CSRF-VALUE; app_session=xyz; gatehouse_proxy_00000000_state=v", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("x-authentik-username=dora", "cookie=theme=dark; app_session=xyz")
                .doesNotContain("gatehouse_", "SESSION-VALUE", "CSRF-VALUE");
        HttpResponse<String> only = browser("GET", "/cookies", cookie + "; gatehouse_session=abc", null);
        assertThat(only.body()).contains("x-authentik-username=dora").doesNotContain("cookie=", "gatehouse_");
        HttpResponse<String> anonymous = browser("GET", "/public/x", "gatehouse_session=abc; a=b", null);
        assertThat(anonymous.body()).contains("cookie=a=b").doesNotContain("gatehouse_");
    }

    @Test
    void theAuthorizationHeaderThatHeaderAuthConsumedNeverReachesTheUpstream() {
        long dora = kit.userPk("dora");
        String appPassword = expect(kit.server.send("POST", "/api/v3/core/tokens/", ADMIN, dev.gatehouse.api.ApiTestSupport
                .obj("identifier", "dora-proxy-app-password", "intent", "app_password", "user", dora, "expiring", false)),
                201).get("key").asString();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("dora:" + appPassword)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = kit.send("GET", "/by-header", "X-Forwarded-Host", "proxied.test", "Authorization", basic);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("x-authentik-username=dora").doesNotContain("authorization=", appPassword);

        String cookie = signedIn();
        HttpResponse<String> own = kit.send("GET", "/own", "X-Forwarded-Host", "proxied.test", "Cookie", cookie,
                "Authorization", "Bearer the-apps-own");
        assertThat(own.body()).as("signed in by cookie: the header is the app's")
                .contains("x-authentik-username=dora", "authorization=Bearer the-apps-own");
    }

    @Test
    void lookAlikeIdentityHeadersAreRefusedAndAdditionalHeadersCannotOverrideTheIdentity() {
        for (String name : List.of("X_authentik_username", "x_AUTHENTIK_email", "X-authentik_meta_app")) {
            HttpResponse<String> r = kit.send("GET", "/public/x", "X-Forwarded-Host", "proxied.test", name, "akadmin");
            assertThat(r.statusCode()).as(name).isEqualTo(400);
            assertThat(r.headers().firstValue("X-Upstream")).as(name).isEmpty();
        }
        HttpResponse<String> r = browser("GET", "/who", signedIn("erin"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("x-authentik-username=erin,", "x-authentik-email=erin@example.org,", "x-extra=kept")
                .doesNotContain("akadmin", "root@evil.test", "x_authentik");
    }

    @Test
    void anUpstreamThatIsDownIsA502PageNotAHang() {
        String start = location(kit.send("GET", "/", "X-Forwarded-Host", "down.test"));
        HttpResponse<String> callback = kit.signIn(kit.browserOf("dora"), start, "dora");
        String cookie = setCookie(callback, "gatehouse_proxy_", null).orElseThrow();
        long began = System.nanoTime();
        HttpResponse<String> r = kit.send("GET", "/", "X-Forwarded-Host", "down.test", "Cookie", cookie);
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("cannot be reached");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(ReverseProxy.CONNECT_TIMEOUT.plusSeconds(5));
    }

    @Test
    void otherHostsAndTheOutpostPathsAreThisServersOwn() {
        assertThat(expect(kit.server.get("/api/v3/core/users/me/", ADMIN), 200).get("user").get("username").asString())
                .isEqualTo("akadmin");
        assertThat(kit.send("GET", "/-/health/live/", "X-Forwarded-Host", "proxied.test").statusCode())
                .as("a proxy-mode host's paths go upstream, after sign-in").isEqualTo(302);
        assertThat(kit.forward(URI.create("http://proxied.test/outpost.goauthentik.io/start?rd="
                + java.net.URLEncoder.encode("http://proxied.test/", StandardCharsets.UTF_8)), null).statusCode())
                .isEqualTo(302);
    }
}
