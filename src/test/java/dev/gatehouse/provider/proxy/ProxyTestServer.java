package dev.gatehouse.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.cli.GatehouseProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A Gatehouse server process for the forward-auth tests (started as OpenIdClientIT does: fresh data directory,
 * loopback ports, akadmin with a known password and email, a bootstrap API token), and what the tests create in it
 * through the REST API with authentik's field names: proxy providers and their applications, users, groups with
 * attributes, policy bindings; and the session deletion the revocation tests need.
 */
final class ProxyTestServer implements AutoCloseable {
    static final String ADMIN = "akadmin";
    static final String ADMIN_EMAIL = "admin@example.org";

    /** A proxy provider and its application. */
    record ProxyApp(String name, String slug, String applicationPk, long providerPk, String clientId,
                    String externalHost) {
        /** A URL on the application's external host. */
        String url(String pathAndQuery) {
            return externalHost + pathAndQuery;
        }

        /** {@code host:port} of the external host. */
        String authority() {
            return URI.create(externalHost).getRawAuthority();
        }

        /** CONTRACT.md: {@code gatehouse_proxy_<8 hex of sha256(client_id)>}. */
        String cookieName() {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(clientId.getBytes(StandardCharsets.UTF_8));
                return "gatehouse_proxy_" + HexFormat.of().formatHex(hash).substring(0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A user the tests sign in as. */
    record TestUser(long pk, String username, String email, String password) {
    }

    private final GatehouseProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;
    private final TestUser admin;

    private ProxyTestServer(GatehouseProcess process, String token, String adminPassword) {
        this.process = process;
        this.token = token;
        this.admin = new TestUser(0, ADMIN, ADMIN_EMAIL, adminPassword);
    }

    /** Starts a server whose data directory is under {@code dir} and waits until it is ready. */
    static ProxyTestServer start(Path dir) {
        String token = "tk-" + random();
        String password = "pw-" + random();
        Map<String, String> env = new LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("data")));
        env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", password);
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", token);
        env.put("GATEHOUSE_BOOTSTRAP_EMAIL", ADMIN_EMAIL);
        GatehouseProcess process = GatehouseProcess.start(dir, env, "server");
        try {
            process.awaitReady();
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
        ProxyTestServer server = new ProxyTestServer(process, token, password);
        server.pointEmbeddedOutpostHere();
        return server;
    }

    /**
     * As an authentik admin does for the embedded outpost: its {@code authentik_host} is where browsers are sent to
     * sign in — this server, not the protected app's host (whose forward auth would send them round again).
     */
    void pointEmbeddedOutpostHere() {
        for (JsonNode o : api("GET", "outposts/instances/", null, 200).get("results")) {
            if ("goauthentik.io/outposts/embedded".equals(o.path("managed").asString(""))) {
                api("PATCH", "outposts/instances/" + o.get("pk").asString() + "/",
                        Map.of("config", Map.of("authentik_host", url() + "/")), 200);
                return;
            }
        }
        throw new AssertionError("no embedded outpost");
    }

    /** {@code http://localhost:<port>}: Gatehouse as the tests and the browser reach it. */
    String url() {
        return "http://localhost:" + process.httpPort();
    }

    /** {@code http://127.0.0.1:<port>}: Gatehouse as the reverse proxies reach it (the outpost address in the recipes). */
    String outpost() {
        return "http://127.0.0.1:" + process.httpPort();
    }

    /** The authorities under which the browser may reach Gatehouse itself. */
    List<String> authorities() {
        return List.of("localhost:" + process.httpPort(), "127.0.0.1:" + process.httpPort());
    }

    TestUser admin() {
        return admin;
    }

    String stderr() {
        return process.stderr();
    }

    /** One REST API call with the bootstrap token; the status checked, the JSON body returned (null when empty). */
    JsonNode api(String method, String path, Object body, int expected) {
        return ApiTestSupport.expect(ApiTestSupport.send(http, url() + "/api/v3/" + path, method, token,
                body == null ? null : HttpRequest.BodyPublishers.ofString(ApiTestSupport.JSON.writeValueAsString(body)),
                "Accept", "application/json"), expected);
    }

    /** The pk of a flow by its slug. */
    String flow(String slug) {
        return api("GET", "flows/instances/" + slug + "/", null, 200).get("pk").asString();
    }

    /**
     * A proxy provider ({@code mode} forward_single or forward_domain, implicit-consent authorization flow) with
     * {@code fields} on top, and its application {@code slug}.
     */
    ProxyApp proxyApp(String slug, String mode, String externalHost, Map<String, Object> fields) {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("name", "Proxy " + slug);
        provider.put("authorization_flow", flow("default-provider-authorization-implicit-consent"));
        provider.put("invalidation_flow", flow("default-invalidation-flow"));
        provider.put("mode", mode);
        provider.put("external_host", externalHost);
        provider.putAll(fields);
        JsonNode created = api("POST", "providers/proxy/", provider, 201);
        long pk = created.get("pk").asLong();
        assertThat(created.path("client_id").asString("")).as("client_id of the new proxy provider %s", created)
                .isNotBlank();
        String app = api("POST", "core/applications/", Map.of("name", "App " + slug, "slug", slug, "provider", pk),
                201).get("pk").asString();
        return new ProxyApp("Proxy " + slug, slug, app, pk, created.get("client_id").asString(), externalHost);
    }

    /** A group with attributes; returns its pk. */
    String group(String name, Map<String, Object> attributes) {
        return api("POST", "core/groups/", Map.of("name", name, "attributes", attributes), 201).get("pk").asString();
    }

    /** A user in the given groups, with a random password set. */
    TestUser user(String username, String email, List<String> groups) {
        long pk = api("POST", "core/users/", Map.of("username", username, "name", "User " + username, "email", email,
                "groups", groups), 201).get("pk").asLong();
        String password = "pw-" + random();
        api("POST", "core/users/" + pk + "/set_password/", Map.of("password", password), 204);
        return new TestUser(pk, username, email, password);
    }

    /** Deletes every authenticated session of the user; returns how many there were. */
    int deleteSessions(long userPk) {
        JsonNode sessions = api("GET", "core/authenticated_sessions/?page_size=100&user=" + userPk, null, 200)
                .get("results");
        for (JsonNode s : sessions) {
            api("DELETE", "core/authenticated_sessions/" + s.get("uuid").asString() + "/", null, 204);
        }
        return sessions.size();
    }

    /** Binds a group to an application (order 0); returns the binding's pk. */
    String bindGroup(String applicationPk, String groupPk) {
        return api("POST", "policies/bindings/", Map.of("target", applicationPk, "group", groupPk, "order", 0), 201)
                .get("pk").asString();
    }

    void deleteBinding(String pk) {
        api("DELETE", "policies/bindings/" + pk + "/", null, 204);
    }

    /** SIGTERM, and the exit a clean shutdown gives. */
    @Override
    public void close() {
        try {
            process.terminate();
            assertThat(process.awaitExit(Duration.ofSeconds(20))).as(process.stderr()).isIn(0, 143);
        } finally {
            process.close();
            http.close();
        }
    }

    static String random() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
