package dev.gatehouse.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.cli.GatehouseProcess;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A cluster as an operator runs it: three {@code gatehouse server} processes on one PostgreSQL database (one
 * secret key, each with its own loopback HTTP and LDAP ports), behind Debian's nginx with a plain round-robin
 * {@code upstream} and no stickiness ({@code proxy_next_upstream off}, so a node that fails shows as an error, not as
 * a silent retry on another). nginx passes {@code Host}, {@code X-Forwarded-For} and {@code X-Forwarded-Proto}; the
 * site {@code localhost:<port>} is Gatehouse, {@code app.localhost:<port>} is authentik's nginx forward-auth recipe
 * ({@link ProxyRecipes}) in front of the {@link EchoUpstream}, its auth sub-requests going to the same upstream.
 * nginx logs every request and sub-request with {@code $upstream_addr}, so each scenario checks from that log that
 * every node answered part of it. LDAP is asked on each node's own port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterBehindNginxIT {
    private static final int NODES = 3;
    private static final String EMAIL = "admin@example.org";
    private static final String REDIRECT = "https://rp.example.org/callback";
    private static final String LDAP_BASE = "DC=ldap,DC=goauthentik,DC=io";
    private static final String UPSTREAM = "gatehouse_cluster";

    @TempDir
    static Path dir;

    private final String token = "tk-" + ProxyTestServer.random();
    private final String adminPassword = "pw-" + ProxyTestServer.random();
    private final List<GatehouseProcess> nodes = new ArrayList<>();
    private final List<Integer> ldapPorts = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private NginxServer nginx;
    private EchoUpstream echo;
    private int port;
    private Path clusterLog;
    private String base;
    private long started;

    @BeforeAll
    void startCluster() throws Exception {
        // the first launch after a build records the JDK start-up cache: not part of the cluster's start
        long warm = System.nanoTime();
        try (GatehouseProcess version = GatehouseProcess.start(dir.resolve("warm"), Map.of(), "--version")) {
            assertThat(version.awaitExit(Duration.ofMinutes(2))).as(version.stderr()).isZero();
        }
        started = System.nanoTime();
        System.out.printf("ClusterBehindNginxIT: launcher warm-up %.1f s%n", (started - warm) / 1e9);
        String database = TestDatabases.newPostgresDatabase();
        for (int i = 1; i <= NODES; i++) {
            int ldap = GatehouseProcess.freePort();
            Map<String, String> env = new LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("node" + i + "/data")));
            env.put("GATEHOUSE_LISTEN__LDAP", "127.0.0.1:" + ldap);
            env.put("GATEHOUSE_LISTEN__LDAPS", "127.0.0.1:" + GatehouseProcess.freePort());
            GatehouseProcess.onPostgres(env, database, "cluster-behind-nginx-shared-secret-key");
            env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", adminPassword);
            env.put("GATEHOUSE_BOOTSTRAP_TOKEN", token);
            env.put("GATEHOUSE_BOOTSTRAP_EMAIL", EMAIL);
            // all three start at once; readiness is awaited below
            nodes.add(GatehouseProcess.start(dir.resolve("node" + i), env, "server"));
            ldapPorts.add(ldap);
        }
        for (GatehouseProcess node : nodes) {
            node.awaitReady();
        }
        echo = EchoUpstream.start();
        port = GatehouseProcess.freePort();
        base = "http://localhost:" + port;
        NginxServer server = NginxServer.create(port);
        clusterLog = server.root().resolve("cluster.log");
        try {
            server.start(nginxHttp());
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        nginx = server;
        // as an admin does for the embedded outpost: browsers sign in at Gatehouse behind nginx
        for (JsonNode o : api("GET", "outposts/instances/", null, 200).get("results")) {
            if ("goauthentik.io/outposts/embedded".equals(o.path("managed").asString(""))) {
                api("PATCH", "outposts/instances/" + o.get("pk").asString() + "/",
                        Map.of("config", Map.of("authentik_host", base + "/")), 200);
            }
        }
        System.out.printf("ClusterBehindNginxIT: three nodes and nginx ready in %.1f s%n",
                (System.nanoTime() - started) / 1e9);
    }

    /** The http {} content: the upstream of the three nodes, Gatehouse's site, and the forward-auth recipe's site. */
    private String nginxHttp() {
        StringBuilder upstream = new StringBuilder("upstream " + UPSTREAM + " {\n");
        for (GatehouseProcess node : nodes) {
            upstream.append("    server 127.0.0.1:").append(node.httpPort()).append(";\n");
        }
        upstream.append("}\n");
        return """
                log_format cluster '$upstream_addr $status $request_method $host $uri';
                access_log %1$s cluster;
                log_subrequest on;
                proxy_next_upstream off;
                %2$s
                server {
                    listen 127.0.0.1:%3$d;
                    server_name localhost;
                    location / {
                        proxy_pass http://%4$s;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                }
                """.formatted(clusterLog, upstream, port, UPSTREAM)
                + ProxyRecipes.nginxMaps()
                + ProxyRecipes.nginxServer("app.localhost", port, "http://" + UPSTREAM, echo.address(), false);
    }

    @AfterAll
    void stopCluster() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        if (nginx != null) {
            try (NginxServer n = nginx) {
                assertThat(n.stop()).as(n.logs()).isZero();
            } catch (Exception | AssertionError e) {
                failures.add(e);
            }
        }
        for (GatehouseProcess node : nodes) {
            try (node) {
                node.terminate();
                assertThat(node.awaitExit(Duration.ofSeconds(20))).as(node.stderr()).isIn(0, 143);
            } catch (Exception | AssertionError e) {
                failures.add(e);
            }
        }
        if (echo != null) {
            echo.close();
        }
        http.close();
        System.out.printf("ClusterBehindNginxIT: wall time %.1f s after the warm-up%n", (System.nanoTime() - started) / 1e9);
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("stopping the cluster");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void aBrowserSignsInAndIsServedAsThatUserByEveryNode() throws Exception {
        User alice = user("alice");
        Mark mark = mark();
        // the browser comes from 127.0.0.2, nginx from 127.0.0.1: Gatehouse must see the former
        try (FlowClient browser = new FlowClient(base, InetAddress.ofLiteral("127.0.0.2"))) {
            JsonNode end = browser.run("default-authentication-flow", "next=%2Fif%2Fuser%2F", alice.username(),
                    alice.password());
            assertThat(end.path("component").asString()).as("%s\n%s", end, logs()).isEqualTo(FlowClient.REDIRECT);
            for (int i = 0; i < 2 * NODES; i++) {
                HttpResponse<String> me = browser.get("/api/v3/core/users/me/");
                assertThat(me.statusCode()).as("request %d: %s\n%s", i, me.body(), logs()).isEqualTo(200);
                assertThat(ApiTestSupport.json(me).path("user").path("username").asString()).isEqualTo("alice");
            }
        }
        JsonNode sessions = api("GET", "core/authenticated_sessions/?user=" + alice.pk(), null, 200).get("results");
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).path("last_ip").asString()).as("X-Forwarded-For from nginx, trusted")
                .isEqualTo("127.0.0.2");

        List<Line> lines = mark.lines();
        assertThat(byNode(lines, l -> l.uri().startsWith("/api/v3/flows/executor/"))).as("the flow's steps")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(byNode(lines, l -> l.uri().equals("/api/v3/core/users/me/"))).as("users/me, signed in")
                .hasSize(NODES).allSatisfy((node, n) -> assertThat(n).isEqualTo(2));
        report("browser login", lines);
    }

    @Test
    void anOidcCodeFlowWithNimbusAsTheRelyingPartyCrossesNodes() throws Exception {
        User bob = user("bob");
        String slug = "cluster-rp";
        String flow = api("GET", "flows/instances/default-provider-authorization-implicit-consent/", null, 200)
                .get("pk").asString();
        JsonNode provider = api("POST", "providers/oauth2/", Map.of("name", "Cluster RP", "authorization_flow", flow,
                "client_type", "confidential", "redirect_uris",
                List.of(Map.of("matching_mode", "strict", "url", REDIRECT))), 201);
        api("POST", "core/applications/", Map.of("name", "Cluster RP", "slug", slug, "provider",
                provider.get("pk").asLong()), 201);
        ClientID clientId = new ClientID(provider.get("client_id").asString());
        Secret secret = new Secret(provider.get("client_secret").asString());
        Mark mark = mark();

        Issuer issuer = new Issuer(base + "/application/o/" + slug + "/");
        OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(issuer);
        assertThat(metadata.getIssuer()).as("the issuer of nginx's Host").isEqualTo(issuer);
        assertThat(metadata.getAuthorizationEndpointURI().toString()).startsWith(base + "/");
        assertThat(metadata.getTokenEndpointURI().toString()).startsWith(base + "/");

        // every node publishes the same keys
        List<String> jwks = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            jwks.add(get(metadata.getJWKSetURI()).body());
        }
        assertThat(jwks).as("JWKS from each node").containsOnly(jwks.getFirst());

        Nonce nonce = new Nonce();
        State state = new State();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile", "email"), clientId, URI.create(REDIRECT))
                .endpointURI(metadata.getAuthorizationEndpointURI()).state(state).nonce(nonce).build();
        try (FlowClient browser = new FlowClient(base)) {
            HttpResponse<String> r = browser.getDirect(request.toURI().toString());
            for (int hop = 0; hop < 10 && r.statusCode() == 302; hop++) {
                String location = r.headers().firstValue("Location").orElseThrow();
                if (location.startsWith(REDIRECT)) {
                    break;
                }
                URI next = URI.create(base + "/").resolve(location);
                if (next.getPath().startsWith("/if/flow/")) {
                    // the login page's script: run the flow the page shows, then go where it redirects
                    String flowSlug = next.getPath().split("/")[3];
                    JsonNode end = browser.run(flowSlug, next.getRawQuery(), bob.username(), bob.password());
                    assertThat(end.path("component").asString()).as("%s", end).isEqualTo(FlowClient.REDIRECT);
                    r = browser.getDirect(URI.create(base + "/").resolve(end.get("to").asString()).toString());
                } else {
                    r = browser.getDirect(next.toString());
                }
            }
            assertThat(r.statusCode()).as("%s\n%s", r.body(), logs()).isEqualTo(302);
            URI callback = URI.create(r.headers().firstValue("Location").orElseThrow());
            assertThat(callback.toString()).startsWith(REDIRECT);
            AuthenticationResponse answer = AuthenticationResponseParser.parse(callback);
            assertThat(answer.indicatesSuccess()).as("%s", callback).isTrue();
            assertThat(answer.getState()).isEqualTo(state);

            TokenResponse tokens = OIDCTokenResponseParser.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                    new ClientSecretBasic(clientId, secret), new AuthorizationCodeGrant(
                    answer.toSuccessResponse().getAuthorizationCode(), URI.create(REDIRECT))).toHTTPRequest().send());
            assertThat(tokens.indicatesSuccess()).as("token response %s\n%s", tokens, logs()).isTrue();
            OIDCTokens oidc = ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens();

            IDTokenClaimsSet claims = new IDTokenValidator(issuer, clientId, JWSAlgorithm.RS256,
                    metadata.getJWKSetURI().toURL()).validate(oidc.getIDToken(), nonce);
            assertThat(claims.getStringClaim("preferred_username")).isEqualTo("bob");
            for (int i = 0; i < NODES; i++) {
                UserInfoResponse info = UserInfoResponse.parse(new UserInfoRequest(metadata.getUserInfoEndpointURI(),
                        (BearerAccessToken) oidc.getAccessToken()).toHTTPRequest().send());
                assertThat(info.indicatesSuccess()).as("userinfo %d: %s\n%s", i, info, logs()).isTrue();
                UserInfo user = info.toSuccessResponse().getUserInfo();
                assertThat(user.getSubject()).isEqualTo(claims.getSubject());
                assertThat(user.getEmailAddress()).isEqualTo(bob.username() + "@example.org");
            }
        }

        List<Line> lines = mark.lines();
        assertThat(byNode(lines, l -> l.uri().endsWith("/userinfo/"))).as("userinfo").hasSize(NODES);
        assertThat(byNode(lines, l -> l.uri().endsWith("/jwks/"))).as("jwks").hasSize(NODES);
        report("OIDC code flow", lines);
    }

    @Test
    void forwardAuthSubRequestsGoToEveryNodeFromSignInToSignOut() throws Exception {
        User carol = user("carol");
        String flow = api("GET", "flows/instances/default-provider-authorization-implicit-consent/", null, 200)
                .get("pk").asString();
        String invalidation = api("GET", "flows/instances/default-invalidation-flow/", null, 200).get("pk").asString();
        String external = "http://app.localhost:" + port;
        JsonNode provider = api("POST", "providers/proxy/", Map.of("name", "Proxy app", "authorization_flow", flow,
                "invalidation_flow", invalidation, "mode", "forward_single", "external_host", external), 201);
        api("POST", "core/applications/", Map.of("name", "App", "slug", "app", "provider", provider.get("pk").asLong()),
                201);
        Mark mark = mark();

        Curl curl = new Curl(dir.resolve("curl"));
        String url = external + "/private/page?x=1";
        for (int i = 0; i < NODES; i++) {
            Curl.Response r = curl.get(url);
            assertThat(r.status()).as("%s\n%s", r, logs()).isEqualTo(302);
            assertThat(r.location().toString()).isEqualTo(external + "/outpost.goauthentik.io/start?rd=" + url);
        }
        assertThat(echo.requests()).as("nothing reached the app").isEmpty();

        SignInWalk.Result walk = new SignInWalk(curl, List.of("localhost:" + port, "app.localhost:" + port),
                carol.username(), carol.password()).from(url);
        assertThat(walk.escapedTo()).as("%s\n%s", walk, logs()).isEmpty();
        assertThat(walk.passwordAsked()).as(walk.toString()).isTrue();
        assertThat(walk.last().url()).as(walk.toString()).isEqualTo(url);
        assertThat(walk.last().echoed().single("X-authentik-username")).isEqualTo("carol");
        for (int i = 0; i < 2 * NODES; i++) {
            EchoUpstream.Seen seen = curl.get(external + "/page/" + i).echoed();
            assertThat(seen.single("X-authentik-username")).isEqualTo("carol");
            assertThat(seen.single("X-authentik-email")).isEqualTo("carol@example.org");
        }
        List<Line> signedIn = mark.lines();
        assertThat(byNode(signedIn, l -> l.uri().equals("/outpost.goauthentik.io/auth/nginx") && l.status() == 200))
                .as("auth sub-requests answered for the signed-in browser").hasSize(NODES);

        Mark out = mark();
        Curl.Response signOut = curl.get(external + "/outpost.goauthentik.io/sign_out");
        assertThat(signOut.status()).as("%s\n%s", signOut, logs()).isEqualTo(302);
        echo.forget();
        for (int i = 0; i < NODES; i++) {
            Curl.Response r = curl.get(url);
            assertThat(r.status()).as("after sign-out, request %d\n%s\n%s", i, r, logs()).isEqualTo(302);
            assertThat(r.location().toString()).isEqualTo(external + "/outpost.goauthentik.io/start?rd=" + url);
        }
        assertThat(echo.requests()).as("nothing reached the app after sign-out").isEmpty();
        assertThat(byNode(out.lines(), l -> l.uri().equals("/outpost.goauthentik.io/auth/nginx") && l.status() == 401))
                .as("every node refused the signed-out browser").hasSize(NODES);
        report("forward auth", mark.lines());
    }

    @Test
    void ldapBindsAndSearchesOnEveryNodeAndAPasswordChangeOnOneIsHonouredByTheOthers() throws Exception {
        User dave = user("dave");
        String flow = api("GET", "flows/instances/default-authentication-flow/", null, 200).get("pk").asString();
        JsonNode provider = api("POST", "providers/ldap/", Map.of("name", "ldap-cluster", "authorization_flow", flow),
                201);
        api("POST", "core/applications/", Map.of("name", "ldap-cluster", "slug", "ldap-cluster", "provider",
                provider.get("pk").asLong()), 201);
        for (int i = 0; i < NODES; i++) {
            int ldapPort = ldapPorts.get(i);
            Eventually.within(Duration.ofSeconds(15), "LDAP listening on node " + (i + 1), () -> listening(ldapPort));
        }

        String daveDn = "cn=dave,ou=users," + LDAP_BASE;
        for (int i = 0; i < NODES; i++) {
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", ldapPorts.get(i))) {
                assertThat(c.bind(daveDn, dave.password()).getResultCode()).isEqualTo(ResultCode.SUCCESS);
                SearchResult own = c.search("ou=users," + LDAP_BASE, SearchScope.SUB, "(objectClass=user)", "cn");
                assertThat(own.getSearchEntries()).extracting(SearchResultEntry::getDN).as("node %d", i + 1)
                        .contains(daveDn);
            }
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", ldapPorts.get(i))) {
                assertThat(c.bind("cn=akadmin,ou=users," + LDAP_BASE, adminPassword).getResultCode())
                        .isEqualTo(ResultCode.SUCCESS);
                SearchResult all = c.search("ou=users," + LDAP_BASE, SearchScope.SUB, "(objectClass=user)", "cn");
                assertThat(all.getSearchEntries()).extracting(e -> e.getAttributeValue("cn")).as("node %d", i + 1)
                        .contains("akadmin", "dave");
            }
        }

        // through node 1 directly, not nginx
        String changed = "changed-" + ProxyTestServer.random();
        HttpResponse<String> set = ApiTestSupport.send(http, "http://127.0.0.1:" + nodes.getFirst().httpPort()
                + "/api/v3/core/users/" + dave.pk() + "/set_password/", "POST", token,
                HttpRequest.BodyPublishers.ofString(ApiTestSupport.obj("password", changed)));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
        for (int i = 1; i < NODES; i++) {
            assertThat(bind(ldapPorts.get(i), daveDn, dave.password())).as("old password on node %d", i + 1)
                    .isEqualTo(ResultCode.INVALID_CREDENTIALS);
            assertThat(bind(ldapPorts.get(i), daveDn, changed)).as("new password on node %d", i + 1)
                    .isEqualTo(ResultCode.SUCCESS);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private record User(long pk, String username, String password) {
    }

    /** A user with a random password, created through nginx. */
    private User user(String username) {
        long pk = api("POST", "core/users/", Map.of("username", username, "name", "User " + username, "email",
                username + "@example.org"), 201).get("pk").asLong();
        String password = "pw-" + ProxyTestServer.random();
        api("POST", "core/users/" + pk + "/set_password/", Map.of("password", password), 204);
        return new User(pk, username, password);
    }

    /** One REST API call through nginx with the bootstrap token. */
    private JsonNode api(String method, String path, Object body, int expected) {
        HttpResponse<String> r = ApiTestSupport.send(http, base + "/api/v3/" + path, method, token,
                body == null ? null : HttpRequest.BodyPublishers.ofString(ApiTestSupport.JSON.writeValueAsString(body)),
                "Accept", "application/json");
        assertThat(r.statusCode()).as("%s %s -> %s\n%s", method, path, r.body(), logs()).isEqualTo(expected);
        return r.body().isEmpty() ? null : ApiTestSupport.json(r);
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s -> %s", uri, r.body()).isEqualTo(200);
        return r;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ResultCode bind(int port, String dn, String password) {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", port)) {
            return c.bind(dn, password).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    /** One line of nginx's cluster log: which node answered ({@code $upstream_addr}), the status, the URI. */
    private record Line(String node, int status, String method, String host, String uri) {
    }

    /** A position in nginx's cluster log; its {@link #lines()} are those written since. */
    private final class Mark {
        private final int from = readLog().size();

        List<Line> lines() {
            // nginx writes the line once the response is sent: give the last one a moment
            sleep(200);
            List<String> all = readLog();
            List<Line> lines = new ArrayList<>();
            for (String raw : all.subList(from, all.size())) {
                String[] f = raw.split(" ", 5);
                if (f[0].equals("-") || f[0].equals(echo.address())) {
                    continue; // answered by nginx itself or by the app
                }
                assertThat(f[0]).as("one node per request, no retry on another: %s", raw).doesNotContain(",");
                lines.add(new Line(f[0], Integer.parseInt(f[1]), f[2], f[3], f[4]));
            }
            return lines;
        }
    }

    private Mark mark() {
        return new Mark();
    }

    private List<String> readLog() {
        try {
            return Files.exists(clusterLog) ? Files.readAllLines(clusterLog) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests per node among the lines that match. */
    private static Map<String, Integer> byNode(List<Line> lines, Predicate<Line> which) {
        Map<String, Integer> counts = new TreeMap<>();
        lines.stream().filter(which).forEach(l -> counts.merge(l.node(), 1, Integer::sum));
        return counts;
    }

    /** Every node answered part of the scenario; the counts are printed for the record. */
    private void report(String scenario, List<Line> lines) {
        Map<String, Integer> counts = byNode(lines, l -> true);
        System.out.printf("ClusterBehindNginxIT %s: requests per node %s%n", scenario, counts);
        List<String> expected = nodes.stream().map(n -> "127.0.0.1:" + n.httpPort()).toList();
        assertThat(counts.keySet()).as("nodes that answered during %s", scenario)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(lines).as("no request failed on a node during %s", scenario).noneMatch(l -> l.status() >= 500);
    }

    private String logs() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            s.append("--- node ").append(i + 1).append(" stderr\n").append(nodes.get(i).stderr());
        }
        if (nginx != null) {
            s.append(nginx.logs());
            s.append("--- cluster.log\n").append(String.join("\n", readLog()));
        }
        return s.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
