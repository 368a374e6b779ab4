package dev.gatehouse.provider.proxy;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.JSON;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.UserStore;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A test server with proxy providers, and {@code java.net.http} playing the reverse proxy: it sends the auth
 * subrequests exactly as Traefik, Caddy, nginx and Envoy shape them, and forwards the browser's
 * {@code /outpost.goauthentik.io/} requests with {@code X-Forwarded-Host}/{@code -Proto} as they do. The
 * browser itself is a {@link FlowClient} for this server's own pages (authorize, login).
 */
final class ProxyKit implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";
    final TestServer server;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ProxyKit(TestServer server) {
        this.server = server;
        embeddedOutpostHost(server.base());
    }

    /** Sets the embedded outpost's {@code authentik_host} (where browsers are sent to sign in; "" for none). */
    void embeddedOutpostHost(String host) {
        embeddedOutpostHost(server, host);
    }

    /** Sets the embedded outpost's {@code authentik_host} through {@code server}'s API (for every server of its cluster). */
    static void embeddedOutpostHost(TestServer server, String host) {
        JsonNode outpost = expect(server.get("/api/v3/outposts/instances/?managed=goauthentik.io/outposts/embedded",
                ADMIN), 200).get("results").get(0);
        expect(server.send("PATCH", "/api/v3/outposts/instances/" + outpost.get("pk").asString() + "/", ADMIN,
                obj("config", Map.of("authentik_host", host))), 200);
    }

    /** A proxy provider (forward_single unless the fields say otherwise) with an application of the same slug. */
    JsonNode app(String slug, String externalHost, Map<String, Object> fields) {
        return app(server, slug, externalHost, fields);
    }

    /** A proxy provider and its application, made through {@code server}'s API. */
    static JsonNode app(TestServer server, String slug, String externalHost, Map<String, Object> fields) {
        String flow = expect(server.get("/api/v3/flows/instances/default-provider-authorization-implicit-consent/",
                ADMIN), 200).get("pk").asString();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "provider " + slug, "authorization_flow", flow,
                "mode", "forward_single", "external_host", externalHost));
        body.putAll(fields);
        JsonNode p = expect(server.send("POST", "/api/v3/providers/proxy/", ADMIN, JSON.writeValueAsString(body)), 201);
        expect(server.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", "App " + slug, "slug", slug,
                "provider", p.get("pk").asLong())), 201);
        return p;
    }

    String appPk(String slug) {
        return expect(server.get("/api/v3/core/applications/" + slug + "/", ADMIN), 200).get("pk").asString();
    }

    String group(String name, Map<String, Object> attributes) {
        return expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", name, "attributes", attributes)),
                201).get("pk").asString();
    }

    String groupPk(String name) {
        return expect(server.get("/api/v3/core/groups/?name=" + dev.gatehouse.api.ApiTestSupport.q(name), ADMIN), 200)
                .get("results").get(0).get("pk").asString();
    }

    long userPk(String username) {
        return expect(server.get("/api/v3/core/users/?username=" + username, ADMIN), 200).get("results").get(0)
                .get("pk").asLong();
    }

    long user(String username, List<String> groups, Map<String, Object> attributes) {
        long pk = expect(server.send("POST", "/api/v3/core/users/", ADMIN, obj("username", username, "name",
                username + " Example", "email", username + "@example.org", "groups", groups, "attributes", attributes)),
                201).get("pk").asLong();
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN, obj("password", PASSWORD)), 204);
        return pk;
    }

    /** Traefik's forwardAuth subrequest: X-Forwarded-Method/Proto/Host/Uri, the client's headers passed along. */
    HttpResponse<String> traefik(String proto, String host, String uri, String cookie, String... headers) {
        List<String> h = new ArrayList<>(List.of("X-Forwarded-Method", "GET", "X-Forwarded-Proto", proto,
                "X-Forwarded-Host", host, "X-Forwarded-Uri", uri, "X-Forwarded-For", "203.0.113.9"));
        if (cookie != null) {
            h.addAll(List.of("Cookie", cookie));
        }
        h.addAll(List.of(headers));
        return send("GET", "/outpost.goauthentik.io/auth/traefik", h.toArray(String[]::new));
    }

    /** A request to this server as the reverse proxy forwards it ({@code pathAndQuery} on the server). */
    HttpResponse<String> send(String method, String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A browser-facing URL on a protected host, forwarded by the proxy (X-Forwarded-Host/Proto, the cookies). */
    HttpResponse<String> forward(URI url, String cookie) {
        List<String> h = new ArrayList<>(List.of("X-Forwarded-Host", url.getRawAuthority(), "X-Forwarded-Proto",
                url.getScheme()));
        if (cookie != null) {
            h.addAll(List.of("Cookie", cookie));
        }
        return send("GET", url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()),
                h.toArray(String[]::new));
    }

    static String location(HttpResponse<String> r) {
        assertThat(r.statusCode()).as("a redirect: %s %s", r.statusCode(), r.body()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** The {@code name=value} of a cookie the response sets (the whole Set-Cookie line in {@code attributes}). */
    static Optional<String> setCookie(HttpResponse<String> r, String namePrefix, String[] attributes) {
        for (String c : r.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            if (pair.startsWith(namePrefix) && !pair.endsWith("=")) {
                if (attributes != null) {
                    attributes[0] = c;
                }
                return Optional.of(pair);
            }
        }
        return Optional.empty();
    }

    /** A browser signed in to this server as {@code username} (its session made directly). */
    FlowClient browserOf(String username) {
        FlowClient browser = new FlowClient(server.base());
        var user = new UserStore(server.gatehouse().database().dsl()).byUsername(username)
                .orElseThrow();
        browser.setCookie("gatehouse_session", server.gatehouse().sessions().login(user, "127.0.0.1", "test",
                Duration.ofHours(1)).key());
        return browser;
    }

    /**
     * The sign-in that follows a forward-auth 302 to {@code start}: /start through the proxy, the authorize
     * endpoint in the browser (signing in through the login flow as {@code username} when the browser is not
     * signed in yet), /callback through the proxy. Returns the callback's answer.
     */
    HttpResponse<String> signIn(FlowClient browser, String start, String username) {
        HttpResponse<String> started = forward(URI.create(start), null);
        String authorize = location(started);
        assertThat(authorize).startsWith(server.base() + "/application/o/authorize/?");
        String state = setCookie(started, "gatehouse_proxy_", null).orElseThrow();
        assertThat(state).contains("_state=");
        String callback = throughAuthorize(browser, authorize, username);
        return forward(URI.create(callback), state);
    }

    /** From the authorize URL to the callback URL the browser is sent to. */
    String throughAuthorize(FlowClient browser, String authorize, String username) {
        String next = location(browser.getDirect(authorize));
        if (next.startsWith("/flows/-/default/authentication/")) {
            URI page = URI.create(location(browser.getDirect(next)));
            JsonNode end = browser.run(page.getPath().split("/")[3], page.getRawQuery(), username, PASSWORD);
            assertThat(end.get("component").asString()).as(end.toString()).isEqualTo(FlowClient.REDIRECT);
            next = location(browser.getDirect(end.get("to").asString()));
        }
        return next;
    }

    /** The current value of the forward-auth query counter (from the Prometheus endpoint). */
    double forwardAuthQueries() {
        String metrics = server.get("/-/metrics/", null).body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("gatehouse_forward_auth_db_queries_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no gatehouse_forward_auth_db_queries_total in /-/metrics/");
    }

    @Override
    public void close() {
        http.close();
    }
}
