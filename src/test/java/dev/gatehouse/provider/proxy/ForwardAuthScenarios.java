package dev.gatehouse.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import dev.gatehouse.provider.proxy.ProxyTestServer.ProxyApp;
import dev.gatehouse.provider.proxy.ProxyTestServer.TestUser;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What forward auth must do behind any real reverse proxy, run once per proxy by its subclass
 * ({@link CaddyForwardAuthIT}, {@link NginxForwardAuthIT}): a Gatehouse server process with forward_single proxy
 * providers created through the REST API, the proxy (with the recipe of {@link ProxyRecipes}) on one loopback port
 * serving their external hosts ({@code http://<name>.localhost:<port>}) in front of the {@link EchoUpstream}, and
 * curl as the browser ({@link Curl}, {@link SignInWalk}). The subclass starts its proxy and says what a browser
 * without a session gets from it (Caddy passes Gatehouse's 302 to the authorize endpoint; nginx turns Gatehouse's
 * 401 into its own 302 to {@code /outpost.goauthentik.io/start?rd=}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ForwardAuthScenarios {
    static final String AUTHORIZE = "/application/o/authorize/";
    static final String CALLBACK = "/outpost.goauthentik.io/callback";
    static final String START = "/outpost.goauthentik.io/start";
    static final String PROTECTED = "/private/page?x=1";
    static final String FILES_HOST = "files.localhost";
    private static final AtomicInteger BROWSERS = new AtomicInteger();

    @TempDir
    static Path dir;

    protected ProxyTestServer gatehouse;
    protected EchoUpstream echo;
    /** The upstream of {@link #files}: a static file server that resolves dot segments. */
    protected StaticFileServer fileServer;
    /** An application behind {@link #fileServer} with {@code skip_path_regex} {@code ^/public/}. */
    protected ProxyApp files;
    protected int port;
    protected ProxyApp app;
    protected ProxyApp sonarr;
    protected ProxyApp radarr;
    protected ProxyApp guarded;
    protected TestUser arrUser;
    protected TestUser sessionUser;
    private final String sonarrPassword = "sonarr-" + ProxyTestServer.random();
    private final String radarrPassword = "radarr-" + ProxyTestServer.random();
    /** Where the browser may reach Gatehouse: its own listener, and hosts of the proxy that are only Gatehouse. */
    protected final Set<String> gatehouseAuthorities = new HashSet<>();
    private final Set<String> authorities = new HashSet<>();

    /** Starts the proxy on {@link #port}: {@code plainHosts} with the recipe, {@code basicHosts} with its HTTP-Basic variant. */
    protected abstract void startProxy(List<String> plainHosts, List<String> basicHosts) throws Exception;

    /** Stops the proxy; fails unless it stops cleanly. */
    protected abstract void stopProxy() throws Exception;

    /** The proxy's logs, for failure messages. */
    protected abstract String proxyLogs();

    /**
     * Checks what a browser without a session got for {@code url} of {@code app} (the proxy's own way of saying "sign
     * in") and returns the authorize URL it leads to.
     */
    protected abstract URI assertSentToSignIn(Curl.Response response, ProxyApp app, String url, Curl curl);

    /** The identity headers the recipe passes from Gatehouse's answer to the upstream. */
    protected abstract List<String> identityHeaders();

    /** Providers, users and hosts a subclass adds before the proxy starts; hosts go into the lists. */
    protected void moreSetUp(List<String> plainHosts, List<String> basicHosts) {
    }

    @BeforeAll
    void setUp() throws Exception {
        gatehouse = ProxyTestServer.start(dir.resolve("gatehouse"));
        echo = EchoUpstream.start();
        port = GatehouseProcess.freePort();
        app = gatehouse.proxyApp("app", "forward_single", host("app.localhost"), Map.of());
        sonarr = gatehouse.proxyApp("sonarr", "forward_single", host("sonarr.localhost"), basicAuth("sonarr"));
        radarr = gatehouse.proxyApp("radarr", "forward_single", host("radarr.localhost"), basicAuth("radarr"));
        guarded = gatehouse.proxyApp("guarded", "forward_single", host("guarded.localhost"), Map.of());
        fileServer = StaticFileServer.start(GatehouseProcess.freePort());
        files = gatehouse.proxyApp("files", "forward_single", host(FILES_HOST), Map.of("skip_path_regex", "^/public/"));
        // seed 004: the *arr credentials are attributes of a group; radarr_user is missing (the email is the fallback)
        String servarr = gatehouse.group("Servarr Users", Map.of("sonarr_user", "sonarr-admin",
                "sonarr_password", sonarrPassword, "radarr_password", radarrPassword));
        String media = gatehouse.group("media", Map.of());
        arrUser = gatehouse.user("arr-user", "arr-user@example.org", List.of(servarr, media));
        sessionUser = gatehouse.user("session-user", "session-user@example.org", List.of());
        gatehouseAuthorities.addAll(gatehouse.authorities());
        List<String> plain = new ArrayList<>(List.of("app.localhost", "guarded.localhost", FILES_HOST));
        List<String> basic = new ArrayList<>(List.of("sonarr.localhost", "radarr.localhost"));
        moreSetUp(plain, basic);
        authorities.addAll(gatehouse.authorities());
        plain.forEach(h -> authorities.add(h + ":" + port));
        basic.forEach(h -> authorities.add(h + ":" + port));
        startProxy(plain, basic);
    }

    @AfterAll
    void tearDown() throws Exception {
        try (ProxyTestServer g = gatehouse; EchoUpstream e = echo; StaticFileServer f = fileServer) {
            if (e != null) {
                stopProxy();
            }
        }
    }

    /** The address of the application the proxy serves at {@code host}: the file server for {@link #files}, else the echo. */
    protected String upstreamOf(String host) {
        return host.equals(FILES_HOST) ? fileServer.address() : echo.address();
    }

    /** {@code http://<name>:<port>} on the proxy. */
    protected String host(String name) {
        return "http://" + name + ":" + port;
    }

    private static Map<String, Object> basicAuth(String app) {
        return Map.of("basic_auth_enabled", true, "basic_auth_user_attribute", app + "_user",
                "basic_auth_password_attribute", app + "_password", "intercept_header_auth", true);
    }

    /** A fresh browser (its own cookie jar). */
    protected Curl browser() {
        return new Curl(dir.resolve("browser-" + BROWSERS.incrementAndGet()));
    }

    /** The browser's way from {@code url} as {@code user}, never leaving the proxy's hosts and Gatehouse. */
    protected SignInWalk.Result walk(Curl curl, String url, TestUser user) {
        return new SignInWalk(curl, authorities, user.username(), user.password()).from(url);
    }

    /** A walk that must end on {@code url}, answered by the upstream; returns what the upstream saw. */
    protected EchoUpstream.Seen signIn(Curl curl, String url, TestUser user) {
        SignInWalk.Result walk = walk(curl, url, user);
        assertThat(walk.escapedTo()).as("%s\n%s", walk, gatehouse.stderr()).isEmpty();
        assertThat(walk.denied()).as(walk.toString()).isEmpty();
        assertThat(walk.last().url()).as(walk.toString()).isEqualTo(url);
        return walk.last().echoed();
    }

    /**
     * The authorize request a proxy provider makes: Gatehouse's authorize endpoint, the provider's client_id, the code
     * flow, a state, and the provider's callback on {@code callbackHost} as redirect_uri.
     */
    protected void assertAuthorizeRequest(URI authorize, ProxyApp app, String callbackHost) {
        assertThat(authorize.getPath()).as("%s", authorize).isEqualTo(AUTHORIZE);
        assertThat(gatehouseAuthorities).as("the authorize endpoint on a host that is Gatehouse")
                .contains(authorize.getRawAuthority());
        Map<String, String> query = query(authorize);
        assertThat(query).as("%s", authorize).containsEntry("client_id", app.clientId())
                .containsEntry("response_type", "code").containsKey("state");
        assertThat(query.get("redirect_uri")).startsWith(callbackHost + CALLBACK);
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void withoutASessionTheBrowserIsSentToSignInAndTheAppSeesNothing() {
        Curl curl = browser();
        echo.forget();
        String url = app.url(PROTECTED);
        Curl.Response r = curl.get(url);
        URI authorize = assertSentToSignIn(r, app, url, curl);
        assertAuthorizeRequest(authorize, app, app.externalHost());
        assertThat(echo.requests()).as("nothing reached the app\n%s", proxyLogs()).isEmpty();
    }

    @Test
    void signingInThroughGatehouseBringsTheBrowserBackToTheAppWithTheUsersHeaders() {
        Curl curl = browser();
        String url = app.url(PROTECTED);
        SignInWalk.Result walk = walk(curl, url, gatehouse.admin());
        assertThat(walk.passwordAsked()).as(walk.toString()).isTrue();
        assertThat(walk.visited(CALLBACK)).as("back through the provider's callback\n%s", walk).isTrue();
        assertThat(walk.last().url()).as(walk.toString()).isEqualTo(url);
        EchoUpstream.Seen seen = walk.last().echoed();
        assertThat(seen.uri()).isEqualTo(PROTECTED);
        assertThat(seen.single("X-authentik-username")).isEqualTo(ProxyTestServer.ADMIN);
        assertThat(seen.single("X-authentik-email")).isEqualTo(ProxyTestServer.ADMIN_EMAIL);
        assertThat(seen.single("X-authentik-uid")).isNotBlank();
        for (String header : identityHeaders()) {
            assertThat(seen.header(header)).as("%s at the upstream: at most one value, and no placeholder text", header)
                    .hasSizeLessThanOrEqualTo(1).noneMatch(v -> v.contains("{"));
        }

        Curl.Cookie cookie = cookie(curl, app);
        assertThat(cookie.domain()).as("a host-only cookie of the app's host: %s", cookie).isEqualTo("app.localhost");
        assertThat(cookie.includeSubdomains()).isFalse();
        assertThat(cookie.httpOnly()).as("HttpOnly: %s", cookie).isTrue();

        // the session serves the next request directly
        echo.forget();
        EchoUpstream.Seen again = curl.get(app.url("/another")).echoed();
        assertThat(again.single("X-authentik-username")).isEqualTo(ProxyTestServer.ADMIN);
        assertThat(echo.requests()).extracting(EchoUpstream.Seen::uri).containsExactly("/another");
    }

    /** The application's proxy session cookie in the browser's jar (exactly one). */
    protected static Curl.Cookie cookie(Curl curl, ProxyApp app) {
        List<Curl.Cookie> cookies = curl.cookies("gatehouse_proxy_");
        assertThat(cookies).as("the proxy session cookie %s", app.cookieName())
                .filteredOn(c -> c.name().equals(app.cookieName())).hasSize(1);
        return cookies.stream().filter(c -> c.name().equals(app.cookieName())).findFirst().orElseThrow();
    }

    @Test
    void identityHeadersAClientForgesNeverReachTheApp() {
        Curl curl = browser();
        signIn(curl, app.url("/"), gatehouse.admin());
        echo.forget();
        List<String> forged = new ArrayList<>();
        for (String header : identityHeaders()) {
            forged.add(header + ": forged-" + Curl.lower(header));
        }
        forged.add("x-authentik-username: forged-lower-case");
        forged.add("X-AUTHENTIK-USERNAME: forged-upper-case");
        Curl.Response r = curl.get(app.url("/forged"), forged.toArray(String[]::new));
        // Gatehouse refuses an auth request that carries identity headers the client sent (400; nginx reports its
        // auth_request's 400 as 500): the request never reaches the app, forged or not.
        assertThat(r.status()).as(r.toString()).isIn(400, 500);
        assertThat(echo.requests()).as("nothing reached the app").isEmpty();
        EchoUpstream.Seen seen = curl.get(app.url("/forged")).echoed();
        assertThat(seen.header("X-authentik-username")).containsExactly(ProxyTestServer.ADMIN);
    }

    /**
     * Issue 13 §1: the paths an attacker tries, sent to the proxy as they are (curl {@code --path-as-is}), in front
     * of a file server that would serve the admin page for each of them. The proxy may normalise or refuse some
     * itself; whatever answers, it is never the page: Gatehouse's sign-in (302), or a refusal (400, or nginx's 500
     * for an auth sub-request answered 400). The control: signed in, the same file server serves the page, and the
     * skip path serves the public page to anyone.
     */
    @Test
    void dotSegmentsNeverReachTheProtectedPageOfAnUpstreamThatResolvesThem() {
        Curl anonymous = browser();
        Curl.Response publicPage = anonymous.get(files.url(StaticFileServer.PUBLIC_PAGE));
        assertThat(publicPage.status()).as(publicPage.toString()).isEqualTo(200);
        assertThat(publicPage.body()).contains(StaticFileServer.PUBLIC);

        List<String> attempts = List.of("/outpost.goauthentik.io/../admin/", "/outpost.goauthentik.io/%2e%2e/admin/",
                "/outpost.goauthentik.io/%2E%2E/admin/secret.html", "/outpost.goauthentik.io/.%2e/admin/",
                "/outpost.goauthentik.io/..%2fadmin/", "/outpost.goauthentik.io/..%2Fadmin/secret.html",
                "/outpost.goauthentik.io/start/../../admin/", "/outpost.goauthentik.io/%2e%2e%2fadmin/secret.html",
                "/public/../admin/", "/public/%2e%2e/admin/", "/public/%2E%2E/admin/secret.html",
                "/public/..%2fadmin/", "/public/..%2Fadmin/secret.html", "/public/./../admin/secret.html",
                "/public//../admin/secret.html", "/public/..;/admin/", "/public/%2e%2e;x/admin/",
                "/admin/?x=/public/", "/admin/secret.html?/public/", "/admin/secret.html?x=/outpost.goauthentik.io/",
                "/public/../admin/secret.html?/public/");
        for (String path : attempts) {
            echo.forget();
            Curl.Response r = anonymous.get(files.url(path));
            String why = path + "\n" + r + "\n" + proxyLogs() + "\n" + fileServer.logs();
            assertThat(r.body()).as(why).doesNotContain(StaticFileServer.SECRET);
            assertThat(r.status()).as(why).isIn(302, 400, 500);
            if (r.status() == 302) {
                assertThat(r.location().getPath()).as(why).isIn(START, AUTHORIZE);
            }
        }

        Curl curl = browser();
        String secret = files.url(StaticFileServer.SECRET_PAGE);
        SignInWalk.Result walk = walk(curl, secret, gatehouse.admin());
        assertThat(walk.last().url()).as(walk.toString()).isEqualTo(secret);
        assertThat(walk.last().status()).as(walk.toString()).isEqualTo(200);
        assertThat(walk.last().body()).as("signed in, the file server serves the page").contains(StaticFileServer.SECRET);
        Curl.Response resolved = curl.get(files.url("/public/../admin/secret.html"));
        assertThat(resolved.status()).as("signed in, a path with dot segments is the app's business\n%s", resolved)
                .isIn(200, 400);
    }

    /**
     * Issue 13 §6: a look-alike of an identity header ({@code _} for {@code -}, any case), which CGI-style upstreams
     * read as the real one. Caddy passes it to the auth request, and Gatehouse refuses it (400); nginx drops header
     * names with {@code _} by default. Either way the app never sees it.
     */
    @Test
    void lookAlikesOfIdentityHeadersNeverReachTheApp() {
        Curl curl = browser();
        signIn(curl, app.url("/"), gatehouse.admin());
        for (String header : List.of("X_authentik_username: forged-underscore", "x_AUTHENTIK_email: evil@example.org",
                "X-authentik_groups: admins", "X_Authentik_Meta_App: other")) {
            echo.forget();
            Curl.Response r = curl.get(app.url("/look-alike"), header);
            if (r.status() == 200) {
                EchoUpstream.Seen seen = r.echoed();
                assertThat(seen.headers().keySet()).as("%s\n%s", header, seen).noneMatch(n -> n.contains("_"));
                assertThat(seen.single("X-authentik-username")).isEqualTo(ProxyTestServer.ADMIN);
                String forged = header.substring(header.indexOf(':') + 1).strip();
                assertThat(seen.headers().values().stream().flatMap(List::stream)).as("%s\n%s", header, seen)
                        .doesNotContain(forged);
            } else {
                assertThat(r.status()).as("%s\n%s", header, r).isIn(400, 500);
                assertThat(echo.requests()).as("nothing reached the app").isEmpty();
            }
        }
    }

    @Test
    void rdToAnotherHostIsNeverFollowed() {
        Curl curl = browser();
        signIn(curl, app.url("/"), gatehouse.admin());

        // the control: rd on the app's own host is where the browser ends up
        String landing = app.url("/landing?from=start");
        SignInWalk.Result own = walk(curl, app.url(START + "?rd=" + encode(landing)), gatehouse.admin());
        assertThat(own.escapedTo()).as(own.toString()).isEmpty();
        assertThat(own.last().url()).as(own.toString()).isEqualTo(landing);
        assertThat(own.last().echoed().uri()).isEqualTo("/landing?from=start");

        for (String foreign : List.of("http://evil.example/", "https://evil.example/path", "//evil.example/",
                "http://" + app.authority() + "@evil.example/", "http://app.localhost.evil.example:" + port + "/",
                "http://unregistered.localhost:" + port + "/", "javascript:alert(1)")) {
            SignInWalk.Result walk = walk(curl, app.url(START + "?rd=" + encode(foreign)), gatehouse.admin());
            assertThat(walk.escapedTo()).as("rd=%s\n%s", foreign, walk).isEmpty();
            boolean refused = walk.last().status() >= 400 && walk.last().status() < 500;
            boolean onTheApp = URI.create(walk.last().url()).getRawAuthority().equals(app.authority())
                    && walk.last().status() == 200;
            assertThat(refused || onTheApp).as("rd=%s refused, or the browser stays on the app\n%s", foreign, walk)
                    .isTrue();
        }
    }

    @Test
    void arrAppsGetHttpBasicCredentialsFromGroupAttributes() {
        Curl curl = browser();
        EchoUpstream.Seen sonarrSeen = signIn(curl, sonarr.url("/api/v3/system/status"), arrUser);
        assertThat(sonarrSeen.single("X-authentik-username")).isEqualTo(arrUser.username());
        assertThat(sonarrSeen.single("Authorization")).isEqualTo(basic("sonarr-admin", sonarrPassword));
        assertThat(Arrays.asList(sonarrSeen.single("X-authentik-groups").split("\\|")))
                .containsExactlyInAnyOrder("Servarr Users", "media");

        // no radarr_user attribute: the user's email is the HTTP-Basic user name
        EchoUpstream.Seen radarrSeen = signIn(curl, radarr.url("/"), arrUser);
        assertThat(radarrSeen.single("Authorization")).isEqualTo(basic(arrUser.email(), radarrPassword));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void deletingTheUsersSessionsSignsTheBrowserOutOfTheApp() {
        Curl curl = browser();
        String url = app.url(PROTECTED);
        signIn(curl, url, sessionUser);
        assertThat(gatehouse.deleteSessions(sessionUser.pk())).as("the user's sessions").isPositive();

        echo.forget();
        Curl.Response r = curl.get(url);
        assertAuthorizeRequest(assertSentToSignIn(r, app, url, curl), app, app.externalHost());
        assertThat(echo.requests()).as("nothing reached the app after the sessions were deleted").isEmpty();
        SignInWalk.Result again = walk(curl, url, sessionUser);
        assertThat(again.passwordAsked()).as("signed in again with the password\n%s", again).isTrue();
        assertThat(again.last().echoed().single("X-authentik-username")).isEqualTo(sessionUser.username());
    }

    @Test
    void aGroupBindingThatLeavesTheUserOutAnswers403AndItsRemovalLetsThemIn() {
        Curl curl = browser();
        signIn(curl, guarded.url("/"), gatehouse.admin());
        String group = gatehouse.group("guarded-members", Map.of());
        String binding = gatehouse.bindGroup(guarded.applicationPk(), group);

        echo.forget();
        Curl.Response denied = curl.get(guarded.url("/inside"));
        assertThat(denied.status()).as("%s\n%s", denied, gatehouse.stderr()).isEqualTo(403);
        assertThat(echo.requests()).as("nothing reached the app").isEmpty();

        gatehouse.deleteBinding(binding);
        assertThat(curl.get(guarded.url("/inside")).echoed().single("X-authentik-username"))
                .isEqualTo(ProxyTestServer.ADMIN);
    }
}
