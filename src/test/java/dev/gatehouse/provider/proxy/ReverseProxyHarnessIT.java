package dev.gatehouse.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.cli.GatehouseProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forward-auth test harness on its own, without Gatehouse: Debian's Caddy and nginx started by
 * {@link CaddyServer} and {@link NginxServer} in front of the {@link EchoUpstream}, reached by {@link Curl}. First
 * as plain reverse proxies (requests and bodies pass through, the upstream sees them); then with the exact recipe
 * configurations of {@link ProxyRecipes} in front of a {@link ScriptedOutpost}, a few lines that answer the
 * forward-auth sub-requests by a fixed script (signed in when a cookie says so). That second test pins what the
 * real servers do with the recipes, so that when a forward-auth IT against Gatehouse fails, the recipe
 * configuration and the harness are known to work: Caddy asks {@code /auth/caddy} with the X-Forwarded-* headers,
 * passes a non-2xx answer to the browser, copies the listed headers over the client's own; nginx asks
 * {@code /auth/nginx} with Host and X-Original-URL, turns a 401 into the 302 to {@code /start?rd=}, and sets the
 * identity headers over the client's own. The third test runs the curl browser ({@link SignInWalk}) and the
 * Gatehouse fixture ({@link ProxyTestServer}) of the forward-auth ITs through Gatehouse's real login flow, by way
 * of an OAuth2 provider's authorize endpoint, which exists already.
 */
class ReverseProxyHarnessIT {
    @TempDir
    Path dir;

    @Test
    void caddyAndNginxPassRequestsThroughToTheEchoUpstream() throws Exception {
        int caddyPort = GatehouseProcess.freePort();
        int nginxPort = GatehouseProcess.freePort();
        try (EchoUpstream echo = EchoUpstream.start();
             CaddyServer caddy = CaddyServer.create(caddyPort);
             NginxServer nginx = NginxServer.create(nginxPort)) {
            caddy.start(ProxyRecipes.caddyPlainSite("app.localhost", caddyPort, echo.address()));
            nginx.start("""
                    server {
                        listen 127.0.0.1:%d;
                        server_name app.localhost;
                        location / {
                            proxy_pass http://%s;
                            proxy_set_header Host $http_host;
                        }
                    }
                    """.formatted(nginxPort, echo.address()));
            Curl curl = new Curl(dir.resolve("curl"));
            for (int port : List.of(caddyPort, nginxPort)) {
                String base = "http://app.localhost:" + port;
                echo.forget();
                EchoUpstream.Seen get = curl.get(base + "/some/path?q=1&r=two", "X-Test: one", "X-Test: two").echoed();
                assertThat(get.method()).isEqualTo("GET");
                assertThat(get.uri()).isEqualTo("/some/path?q=1&r=two");
                assertThat(get.single("Host")).isEqualTo("app.localhost:" + port);
                assertThat(String.join(",", get.header("X-Test"))).as("both X-Test headers").isIn("one,two", "one, two");

                EchoUpstream.Seen post = curl.send("POST", base + "/form", "application/json", "{\"a\":1}").echoed();
                assertThat(post.method()).isEqualTo("POST");
                assertThat(post.body()).isEqualTo("{\"a\":1}");
                assertThat(post.single("Content-Type")).isEqualTo("application/json");
                assertThat(echo.requests()).as("what reached the upstream through port %d", port)
                        .extracting(EchoUpstream.Seen::uri).containsExactly("/some/path?q=1&r=two", "/form");
            }
            assertThat(caddy.stop()).as(caddy.logs()).isZero();
            assertThat(nginx.stop()).as(nginx.logs()).isZero();
        }
    }

    @Test
    void theRecipesWorkWithTheRealServersAgainstAScriptedOutpost() throws Exception {
        int caddyPort = GatehouseProcess.freePort();
        int nginxPort = GatehouseProcess.freePort();
        try (EchoUpstream echo = EchoUpstream.start();
             ScriptedOutpost outpost = ScriptedOutpost.start();
             CaddyServer caddy = CaddyServer.create(caddyPort);
             NginxServer nginx = NginxServer.create(nginxPort)) {
            caddy.start(ProxyRecipes.caddySnippets(outpost.url())
                    + ProxyRecipes.caddyProtectedSite("app.localhost", caddyPort, ProxyRecipes.CADDY_SNIPPET_BASIC,
                    echo.address()));
            nginx.start(ProxyRecipes.nginxMaps()
                    + ProxyRecipes.nginxServer("app.localhost", nginxPort, outpost.url(), echo.address(), true));
            Curl curl = new Curl(dir.resolve("curl"));
            String forged = "X-Authentik-Username: forged";

            // Caddy: the outpost's 302 reaches the browser, the upstream nothing
            String caddyApp = "http://app.localhost:" + caddyPort;
            Curl.Response refused = curl.get(caddyApp + "/private?x=1", forged);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(302);
            assertThat(refused.header("Location")).contains(ScriptedOutpost.LOGIN);
            assertThat(echo.requests()).isEmpty();
            ScriptedOutpost.Asked asked = outpost.asked().getLast();
            assertThat(asked.path()).isEqualTo("/outpost.goauthentik.io/auth/caddy");
            assertThat(asked.headers()).containsEntry("x-forwarded-method", "GET")
                    .containsEntry("x-forwarded-proto", "http")
                    .containsEntry("x-forwarded-host", "app.localhost:" + caddyPort)
                    .containsEntry("x-forwarded-uri", "/private?x=1");

            // Caddy: signed in, the listed headers are the outpost's, the client's forged one is gone
            EchoUpstream.Seen seen = curl.get(caddyApp + "/private?x=1", forged, "Cookie: scripted=alice").echoed();
            assertThat(seen.header("X-Authentik-Username")).containsExactly("alice");
            assertThat(seen.header("X-Authentik-Groups")).containsExactly("staff|ops");
            assertThat(seen.header("Authorization")).containsExactly(ScriptedOutpost.BASIC);

            // Caddy, seed 002 without route: forward_auth runs before the outpost's own reverse_proxy, so the outpost
            // is asked about its own paths (and must let them through) before they reach it
            outpost.forget();
            Curl.Response start = curl.get(caddyApp + "/outpost.goauthentik.io/start?rd=" + caddyApp + "/private");
            assertThat(start.status()).as(start.toString()).isEqualTo(200);
            assertThat(outpost.asked()).extracting(ScriptedOutpost.Asked::path)
                    .containsExactly("/outpost.goauthentik.io/auth/caddy", "/outpost.goauthentik.io/start");
            assertThat(outpost.asked().getFirst().headers())
                    .containsEntry("x-forwarded-uri", "/outpost.goauthentik.io/start?rd=" + caddyApp + "/private");
            assertThat(outpost.asked().getLast().headers()).containsEntry("host", "app.localhost:" + caddyPort);

            // nginx: the outpost's 401 becomes the recipe's 302 to /start with rd, the upstream sees nothing
            echo.forget();
            outpost.forget();
            String nginxApp = "http://app.localhost:" + nginxPort;
            Curl.Response signIn = curl.get(nginxApp + "/private?x=1", forged);
            assertThat(signIn.status()).as(signIn.toString()).isEqualTo(302);
            assertThat(signIn.header("Location"))
                    .contains(nginxApp + "/outpost.goauthentik.io/start?rd=" + nginxApp + "/private?x=1");
            assertThat(echo.requests()).isEmpty();
            assertThat(outpost.asked()).singleElement().satisfies(a -> {
                assertThat(a.path()).isEqualTo("/outpost.goauthentik.io/auth/nginx");
                assertThat(a.headers()).containsEntry("host", "app.localhost:" + nginxPort)
                        .containsEntry("x-original-url", nginxApp + "/private?x=1");
            });

            // nginx: signed in, the identity headers are the outpost's, and its Set-Cookie reaches the browser
            Curl.Response through = curl.get(nginxApp + "/private?x=1", forged, "Cookie: scripted=alice");
            assertThat(through.headers("Set-Cookie")).containsExactly(ScriptedOutpost.REFRESHED);
            seen = through.echoed();
            assertThat(seen.header("X-authentik-username")).containsExactly("alice");
            assertThat(seen.header("X-authentik-groups")).containsExactly("staff|ops");
            assertThat(seen.header("Authorization")).containsExactly(ScriptedOutpost.BASIC);
            assertThat(seen.header("X-authentik-email")).as("an empty auth_request_set value sends no header").isEmpty();

            assertThat(caddy.stop()).as(caddy.logs()).isZero();
            assertThat(nginx.stop()).as(nginx.logs()).isZero();
        }
    }

    /**
     * The curl browser and the Gatehouse fixture of the forward-auth ITs against what Gatehouse already has: a walk
     * from an OAuth2 provider's authorize URL through the real login flow (flow executor API) to the redirect URI on
     * the echo upstream, as a user created through the API in a group with attributes; the user's sessions deleted
     * through the API send the next walk through the password again; a policy binding created and deleted.
     */
    @Test
    void theCurlBrowserSignsInThroughGatehousesLoginFlow() throws Exception {
        try (ProxyTestServer gatehouse = ProxyTestServer.start(dir.resolve("gatehouse"));
             EchoUpstream echo = EchoUpstream.start()) {
            String redirectUri = "http://" + echo.address() + "/cb";
            long provider = gatehouse.api("POST", "providers/oauth2/", Map.of("name", "walk check",
                    "authorization_flow", gatehouse.flow("default-provider-authorization-implicit-consent"),
                    "client_type", "confidential",
                    "redirect_uris", List.of(Map.of("matching_mode", "strict", "url", redirectUri))), 201)
                    .get("pk").asLong();
            String clientId = gatehouse.api("GET", "providers/oauth2/" + provider + "/", null, 200).get("client_id")
                    .asString();
            String application = gatehouse.api("POST", "core/applications/", Map.of("name", "walk check",
                    "slug", "walk-check", "provider", provider), 201).get("pk").asString();
            String group = gatehouse.group("walkers", Map.of("walk_user", "w"));
            ProxyTestServer.TestUser user = gatehouse.user("walker", "walker@example.org", List.of(group));

            String authorize = gatehouse.url() + "/application/o/authorize/?response_type=code&scope=openid"
                    + "&client_id=" + ForwardAuthScenarios.encode(clientId)
                    + "&redirect_uri=" + ForwardAuthScenarios.encode(redirectUri) + "&state=walk-1";
            Set<String> authorities = new HashSet<>(gatehouse.authorities());
            authorities.add(echo.address());
            SignInWalk walk = new SignInWalk(new Curl(dir.resolve("walker")), authorities, user.username(),
                    user.password());
            SignInWalk.Result first = walk.from(authorize);
            assertThat(first.passwordAsked()).as(first.toString()).isTrue();
            assertThat(first.escapedTo()).isEmpty();
            EchoUpstream.Seen callback = first.last().echoed();
            assertThat(callback.uri()).startsWith("/cb?").contains("code=").contains("state=walk-1");

            SignInWalk.Result signedIn = walk.from(authorize);
            assertThat(signedIn.passwordAsked()).as("still signed in\n%s", signedIn).isFalse();
            assertThat(signedIn.last().echoed().uri()).startsWith("/cb?");

            assertThat(gatehouse.deleteSessions(user.pk())).isPositive();
            SignInWalk.Result again = walk.from(authorize);
            assertThat(again.passwordAsked()).as("signed out by the deletion\n%s", again).isTrue();

            SignInWalk.Result escaped = new SignInWalk(new Curl(dir.resolve("escaper")), gatehouse.authorities(),
                    user.username(), user.password()).from(authorize);
            assertThat(escaped.escapedTo()).as("the echo is not a known authority here").hasValueSatisfying(
                    u -> assertThat(u.getRawAuthority()).isEqualTo(echo.address()));

            gatehouse.deleteBinding(gatehouse.bindGroup(application, group));
        }
    }

    /**
     * Stands in for the outpost in the harness test only: {@code /auth/caddy} and {@code /auth/nginx} answer 200 with
     * identity headers when the request carries {@code Cookie: scripted=alice}; otherwise 302 to a login URL (Caddy)
     * or 401 (nginx); {@code /auth/caddy} lets the outpost's own paths through, as authentik does; {@code /start}
     * answers 200. It records what it was asked.
     */
    static final class ScriptedOutpost implements AutoCloseable {
        static final String LOGIN = "http://login.localhost/scripted-login";
        static final String BASIC = "Basic YWxpY2U6czNjcmV0";
        static final String REFRESHED = "scripted=alice; Path=/; HttpOnly";

        record Asked(String path, Map<String, String> headers) {
        }

        private final HttpServer server;
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private final List<Asked> asked = new CopyOnWriteArrayList<>();

        private ScriptedOutpost(HttpServer server) {
            this.server = server;
        }

        static ScriptedOutpost start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            ScriptedOutpost outpost = new ScriptedOutpost(server);
            server.createContext("/", outpost::answer);
            server.setExecutor(outpost.executor);
            server.start();
            return outpost;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<Asked> asked() {
            return List.copyOf(asked);
        }

        void forget() {
            asked.clear();
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(Curl.lower(k), String.join(",", v)));
                String path = exchange.getRequestURI().getPath();
                asked.add(new Asked(path, Map.copyOf(headers)));
                boolean signedIn = headers.getOrDefault("cookie", "").contains("scripted=alice");
                int status;
                switch (path) {
                    case "/outpost.goauthentik.io/auth/caddy" -> {
                        String uri = headers.getOrDefault("x-forwarded-uri", "");
                        status = signedIn || uri.startsWith("/outpost.goauthentik.io/") ? 200 : 302;
                        if (status == 302) {
                            exchange.getResponseHeaders().set("Location", LOGIN);
                        }
                    }
                    case "/outpost.goauthentik.io/auth/nginx" -> {
                        status = signedIn ? 200 : 401;
                        if (signedIn) {
                            exchange.getResponseHeaders().set("Set-Cookie", REFRESHED);
                        }
                    }
                    case "/outpost.goauthentik.io/start" -> status = 200;
                    default -> status = 404;
                }
                if (signedIn && path.startsWith("/outpost.goauthentik.io/auth/")) {
                    exchange.getResponseHeaders().set("X-Authentik-Username", "alice");
                    exchange.getResponseHeaders().set("X-Authentik-Groups", "staff|ops");
                    exchange.getResponseHeaders().set("Authorization", BASIC);
                }
                byte[] body = ("scripted " + status).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.close();
        }
    }
}
