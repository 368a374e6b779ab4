package dev.gatehouse.provider;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.JSON;
import static dev.gatehouse.api.ApiTestSupport.adminPk;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.provider.ldap.LdapKit.userDn;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.provider.ldap.LdapKit;
import dev.gatehouse.provider.oauth2.OAuth2Fixture;
import dev.gatehouse.provider.proxy.CaddyGuardedApp;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17's acceptance of account lockdown, through the seed's exact call
 * ({@code curl -X POST "http://<host>/api/v3/core/users/<user_id>/lockdown/" -H "Authorization: Bearer <token>"}):
 * two Gatehouse servers on one PostgreSQL database (two processes of a cluster), a real Caddy in front of each,
 * and a user signed in everywhere on both — a browser session through the flow executor, a forward-auth cookie
 * through Caddy, an OIDC access and refresh token from an authorization-code sign-in with Nimbus, a cached-mode LDAP
 * bind with UnboundID (remembered, and a connection kept bound), an API token, an app password (LDAP bind and the
 * token endpoint's password grant); each is seen to work on its server first, so that B holds them in its caches.
 * After the call to server A, every one of them is polled on its server, all at once, and must be refused by a
 * request sent within one second of the call's answer; when each refusing request was sent and answered is printed.
 * Bad input (an unknown pk, a non-superuser locking down someone else) is refused with curl too, and locks nobody
 * down.
 */
class LockdownEverywhereIT {
    private static final Duration LIMIT = Duration.ofSeconds(1);
    private static final Duration SETUP = Duration.ofSeconds(10);
    private static final String ME = "/api/v3/core/users/me/";
    private static final String ALICE = "alice";
    private static final String PASSWORD = "alice-account-password-1";

    @TempDir
    static Path dir;

    private static TestServer serverA;
    private static TestServer serverB;
    private static CaddyGuardedApp caddyA;
    private static CaddyGuardedApp caddyB;
    private static OAuth2Fixture oidcA;
    private static LdapKit ldap;
    private static long alice;
    private static String adminToken;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<AutoCloseable> OPEN = new ArrayList<>();

    @BeforeAll
    static void cluster() throws Exception {
        String database = TestDatabases.newPostgresDatabase();
        serverA = TestServer.startOnPostgres(database);
        serverB = TestServer.startOnPostgres(database);
        ldap = new LdapKit(serverA);
        alice = ldap.user(ALICE, PASSWORD);
        adminToken = createToken(serverA, "lockdown-admin", "api", adminPk(serverA));
        ldap.provider("ldap-lockdown", "bind_mode", "cached", "search_mode", "cached");
        oidcA = OAuth2Fixture.create(serverA, "wiki", Map.of());
        CaddyGuardedApp.sendSignInsTo(serverA, serverA.base());
        caddyA = CaddyGuardedApp.start(serverA, "app-a", dir.resolve("caddy-a"));
        caddyB = CaddyGuardedApp.start(serverB, "app-b", dir.resolve("caddy-b"));
        for (TestServer s : List.of(serverA, serverB)) {
            Eventually.within(SETUP, "LDAP listening", () -> s.gatehouse().ldapPort() != 0);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try (TestServer a = serverA; TestServer b = serverB; CaddyGuardedApp ca = caddyA; CaddyGuardedApp cb = caddyB;
             HttpClient http = HTTP) {
            for (AutoCloseable c : OPEN) {
                c.close();
            }
        }
    }

    // ---- the seed's call ----

    private record Answer(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /**
     * The seed's call as it is written ({@code curl -X POST "<url>" -H "Authorization: Bearer <token>"}), plus
     * curl's output options only, to read the answer; the token never reaches the test's output.
     */
    private static Answer seedLockdownCall(TestServer server, String pk, String token) {
        List<String> cmd = List.of("curl", "-X", "POST", server.base() + "/api/v3/core/users/" + pk + "/lockdown/",
                "-H", "Authorization: Bearer " + token,
                "--silent", "--show-error", "--max-time", "30", "--write-out", "\n%{http_code}");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(40, TimeUnit.SECONDS)).as("curl ended").isTrue();
            assertThat(p.exitValue()).as("curl exit: %s", out).isZero();
            int newline = out.lastIndexOf('\n');
            return new Answer(Integer.parseInt(out.substring(newline + 1).trim()), out.substring(0, newline));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ---- what the user holds on one server ----

    /** Everything the user signed in to on one server, and the checks of each. */
    private static final class SignedIn {
        final String name;
        final TestServer server;
        final OAuth2Fixture oidc;
        final FlowClient browser;
        final CaddyGuardedApp.Browser proxyBrowser;
        final AccessToken access;
        /** The relying party's current refresh token (each successful refresh rotates it). */
        final AtomicReference<RefreshToken> refresh = new AtomicReference<>();
        final LDAPConnection boundLdap;

        SignedIn(String name, TestServer server, CaddyGuardedApp caddy, OAuth2Fixture oidc) throws Exception {
            this.name = name;
            this.server = server;
            this.oidc = oidc;
            browser = new FlowClient(server.base());
            OPEN.add(browser);
            JsonNode end = browser.run(DefaultFlows.AUTHENTICATION, null, ALICE, PASSWORD);
            assertThat(end.get("component").asString()).as("%s: sign-in %s", name, end).isEqualTo(FlowClient.REDIRECT);
            proxyBrowser = caddy.signIn(ALICE, PASSWORD, List.of(authority(serverA), authority(serverB)));
            // two sign-ins of the relying party: a refresh probe that succeeds rotates its family (and a reuse would
            // revoke the whole family), so the refresh token is probed in a family of its own
            access = oidc.codeFlow(browser, new Scope("openid", "profile"), new Nonce()).getAccessToken();
            Tokens second = oidc.codeFlow(browser, new Scope("openid", "profile", "offline_access"), new Nonce());
            assertThat(second.getRefreshToken()).as("%s: offline_access gives a refresh token", name).isNotNull();
            refresh.set(second.getRefreshToken());
            boundLdap = new LDAPConnection("127.0.0.1", server.gatehouse().ldapPort());
            OPEN.add(boundLdap::close);
            Eventually.within(SETUP, name + ": the LDAP provider is known", () -> {
                try {
                    return boundLdap.bind(userDn(ALICE), PASSWORD).getResultCode() == ResultCode.SUCCESS;
                } catch (LDAPException e) {
                    return false;
                }
            });
        }

        TokenResponse token(AuthorizationGrant grant) {
            Scope scope = grant instanceof ResourceOwnerPasswordCredentialsGrant ? new Scope("openid") : null;
            return call(() -> OIDCTokenResponseParser.parse(new TokenRequest(oidc.tokenEndpoint(), oidc.basic(), grant,
                    scope).toHTTPRequest().send()));
        }

        boolean introspectionActive() {
            return call(() -> TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                    oidc.metadata().getIntrospectionEndpointURI(), oidc.basic(), access).toHTTPRequest().send())
                    .toSuccessResponse().isActive());
        }

        int userinfoStatus() {
            return call(() -> new UserInfoRequest(oidc.metadata().getUserInfoEndpointURI(), (BearerAccessToken) access)
                    .toHTTPRequest().send().getStatusCode());
        }

        String tokenError(AuthorizationGrant grant) {
            TokenResponse r = token(grant);
            return r.indicatesSuccess() ? "" : ((TokenErrorResponse) r).getErrorObject().getCode();
        }

        /** A refresh as the relying party makes it: on success it keeps the rotated token; null then, else the error. */
        String refreshError() {
            TokenResponse r = token(new RefreshTokenGrant(refresh.get()));
            if (r.indicatesSuccess()) {
                refresh.set(r.toSuccessResponse().getTokens().getRefreshToken());
                return null;
            }
            return ((TokenErrorResponse) r).getErrorObject().getCode();
        }

        /** {@code /api/v3/core/users/me/} with the browser session ({@code token} null) or an API token. */
        HttpResponse<String> me(String token) {
            return token == null ? browser.get(ME) : get(server, ME, token);
        }

        long sessionCount() {
            return expect(server.get("/api/v3/core/authenticated_sessions/?user=" + alice, ADMIN), 200)
                    .get("pagination").get("count").asLong();
        }

        ResultCode freshBind(String password) {
            return new LdapKit(server).bind(ALICE, password);
        }

        /** Each credential works on this server. */
        void assertEverythingWorks(String apiToken, String appPassword) {
            assertThat(username(me(null))).as("%s: browser session", name).isEqualTo(ALICE);
            assertThat(proxyBrowser.visit("/").servedAs()).as("%s: proxy cookie through Caddy", name).contains(ALICE);
            assertThat(introspectionActive()).as("%s: access token introspection", name).isTrue();
            assertThat(userinfoStatus()).as("%s: userinfo", name).isEqualTo(200);
            assertThat(refreshError()).as("%s: refresh token", name).isNull();
            assertThat(LdapKit.search(boundLdap, userDn(ALICE))).as("%s: bound LDAP connection", name)
                    .isEqualTo(ResultCode.SUCCESS);
            long sessions = sessionCount();
            assertThat(freshBind(PASSWORD)).as("%s: remembered LDAP bind", name).isEqualTo(ResultCode.SUCCESS);
            assertThat(sessionCount()).as("%s: the bind was remembered (no new session)", name).isEqualTo(sessions);
            assertThat(username(me(apiToken))).as("%s: API token", name).isEqualTo(ALICE);
            assertThat(freshBind(appPassword)).as("%s: app password over LDAP", name).isEqualTo(ResultCode.SUCCESS);
            assertThat(token(new ResourceOwnerPasswordCredentialsGrant(ALICE, new Secret(appPassword)))
                    .indicatesSuccess()).as("%s: app password at the token endpoint", name).isTrue();
        }

        /** How each credential's refusal looks on this server. */
        List<Check> refusals(String apiToken, String appPassword) {
            return List.of(
                    new Check(name, "browser session: not signed in", () -> refusedStatus(me(null))),
                    new Check(name, "proxy cookie: Caddy sends to sign-in", () -> proxyBrowser.visit("/").sentToSignIn()),
                    new Check(name, "access token: introspection active:false", () -> !introspectionActive()),
                    new Check(name, "access token: userinfo 401", () -> userinfoStatus() == 401),
                    new Check(name, "refresh token: invalid_grant",
                            () -> "invalid_grant".equals(refreshError())),
                    new Check(name, "LDAP remembered bind: invalidCredentials",
                            () -> freshBind(PASSWORD) == ResultCode.INVALID_CREDENTIALS),
                    new Check(name, "LDAP bound connection: insufficientAccessRights",
                            () -> LdapKit.search(boundLdap, userDn(ALICE)) == ResultCode.INSUFFICIENT_ACCESS_RIGHTS),
                    new Check(name, "API token: 401/403", () -> refusedStatus(me(apiToken))),
                    new Check(name, "app password over LDAP: invalidCredentials",
                            () -> freshBind(appPassword) == ResultCode.INVALID_CREDENTIALS),
                    new Check(name, "app password at the token endpoint: invalid_grant", () -> tokenError(
                            new ResourceOwnerPasswordCredentialsGrant(ALICE, new Secret(appPassword))).equals("invalid_grant")));
        }
    }

    /** One credential's refusal on one server. */
    private record Check(String server, String what, BooleanSupplier refused) {
    }

    /** A check's refusal: when the probe that saw it was sent and when it answered, after the call; probes made. */
    private record Refusal(Check check, Duration sent, Duration answered, int probes) {
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String authority(TestServer s) {
        return URI.create(s.base()).getRawAuthority();
    }

    private static HttpResponse<String> get(TestServer server, String path, String token) {
        return call(() -> HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private static String username(HttpResponse<String> me) {
        assertThat(me.statusCode()).as("%s -> %s", me.uri(), me.body()).isEqualTo(200);
        return JSON.readTree(me.body()).get("user").get("username").asString();
    }

    private static boolean refusedStatus(HttpResponse<String> r) {
        return r.statusCode() == 401 || r.statusCode() == 403;
    }

    /**
     * Polls every check at once, each until it holds or until one second after {@code lockedAt}: the probe that sees
     * the refusal must be sent within that second ({@link Eventually#since}); when it answered is printed too.
     */
    private static List<Refusal> awaitRefusals(long lockedAt, List<Check> checks) throws Exception {
        List<Refusal> refusals = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Refusal>> running = new ArrayList<>();
            for (Check c : checks) {
                running.add(pool.submit(() -> {
                    long[] sent = new long[1];
                    int[] probes = new int[1];
                    Duration answered = Eventually.since(lockedAt, LIMIT, c.server() + ": " + c.what(), () -> {
                        sent[0] = System.nanoTime();
                        probes[0]++;
                        return c.refused().getAsBoolean();
                    });
                    return new Refusal(c, Duration.ofNanos(sent[0] - lockedAt), answered, probes[0]);
                }));
            }
            for (Future<Refusal> r : running) {
                try {
                    refusals.add(r.get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
        }
        refusals.sort(Comparator.comparing(Refusal::answered));
        StringBuilder table = new StringBuilder(
                "lockdown: each refusal after the call's answer (the refusing probe sent -> answered, probes made)\n");
        for (Refusal r : refusals) {
            table.append(String.format("  %6.1f -> %6.1f ms  %2d  %s  %s%n", r.sent().toNanos() / 1e6,
                    r.answered().toNanos() / 1e6, r.probes(), r.check().server(), r.check().what()));
        }
        failures.forEach(f -> table.append("  NOT REFUSED  ").append(f.getMessage()).append('\n'));
        System.out.print(table);
        assertThat(failures).as(table.toString()).isEmpty();
        assertThat(refusals).as(table.toString()).allSatisfy(r -> assertThat(r.sent()).isLessThanOrEqualTo(LIMIT));
        return refusals;
    }

    // ---- the tests ----

    @Test
    void theSeedsCallRefusesEverythingTheUserSignedInToOnBothServersWithinOneSecond() throws Exception {
        String apiToken = createToken(serverA, "alice-api", "api", alice);
        String appPassword = createToken(serverA, "alice-app-password", "app_password", alice);
        List<SignedIn> everywhere = List.of(new SignedIn("A", serverA, caddyA, oidcA),
                new SignedIn("B", serverB, caddyB, oidcA.on(serverB)));
        for (SignedIn s : everywhere) {
            s.assertEverythingWorks(apiToken, appPassword);
        }
        List<Check> checks = new ArrayList<>();
        everywhere.forEach(s -> checks.addAll(s.refusals(apiToken, appPassword)));

        long sent = System.nanoTime();
        Answer answer = seedLockdownCall(serverA, String.valueOf(alice), adminToken);
        long answered = System.nanoTime();
        assertThat(answer.status()).as("the seed's call: %s", answer.body()).isEqualTo(204);
        System.out.printf("the seed's lockdown call answered %d in %.1f ms%n", answer.status(), (answered - sent) / 1e6);

        List<Refusal> refusals = awaitRefusals(answered, checks);
        assertThat(refusals).hasSize(checks.size());

        JsonNode user = expect(serverB.get("/api/v3/core/users/" + alice + "/", ADMIN), 200);
        assertThat(user.get("is_active").asBoolean()).as("deactivated, as B reads it").isFalse();
        assertThat(lockdownEvents(ALICE)).as("the lockdown is an event").singleElement().satisfies(e ->
                assertThat(e.get("user").get("username").asString()).as("the caller").isEqualTo("akadmin"));
    }

    @Test
    void anUnknownPkIs404AndANonSuperuserLockingDownSomeoneElseIs403() {
        Answer unknown = seedLockdownCall(serverA, "2147483000", adminToken);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).isEqualTo("Not found.");

        long bob = ldap.user("bob", "bob-account-password-1");
        long mallory = ldap.user("mallory", "mallory-account-password-1");
        String bobToken = createToken(serverA, "bob-api", "api", bob);
        String malloryToken = createToken(serverA, "mallory-api", "api", mallory);
        for (TestServer s : List.of(serverA, serverB)) {
            Answer refused = seedLockdownCall(s, String.valueOf(bob), malloryToken);
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().get("detail").asString()).isNotBlank();
        }
        // nothing was locked down: bob signs in and his token works on both servers
        for (TestServer s : List.of(serverA, serverB)) {
            assertThat(username(get(s, ME, bobToken))).isEqualTo("bob");
            assertThat(new LdapKit(s).bind("bob", "bob-account-password-1")).isEqualTo(ResultCode.SUCCESS);
            assertThat(expect(s.get("/api/v3/core/users/" + bob + "/", ADMIN), 200).get("is_active").asBoolean())
                    .isTrue();
        }
        assertThat(lockdownEvents("bob")).as("no lockdown recorded").isEmpty();
    }

    /** The {@code account_lockdown_triggered} events about a user. */
    private static List<JsonNode> lockdownEvents(String username) {
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode e : expect(serverA.get("/api/v3/events/events/?action=account_lockdown_triggered", ADMIN), 200)
                .get("results")) {
            if (username.equals(e.path("context").path("affected_user").asString(""))) {
                events.add(e);
            }
        }
        return events;
    }
}
