package dev.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A headless flow client over HTTP: one browser-like cookie jar, GETs the executor's current challenge,
 * POSTs answers as JSON (following the 302 back to the GET) and answers the identification and password
 * challenges by their component. The LDAP outpost runs flows with a client of this shape.
 */
public final class FlowClient implements AutoCloseable {
    public static final String IDENTIFICATION = "ak-stage-identification";
    public static final String PASSWORD = "ak-stage-password";
    public static final String REDIRECT = "xak-flow-redirect";
    public static final String ACCESS_DENIED = "ak-stage-access-denied";
    private static final int MAX_STEPS = 20;

    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private String forwardedFor;
    private String userAgent;
    private final HttpClient following;
    private final HttpClient direct;

    public FlowClient(String base) {
        this(base, null);
    }

    /** A browser whose connections come from {@code local} (e.g. 127.0.0.2: another machine to the server). */
    public FlowClient(String base, java.net.InetAddress local) {
        this.base = base;
        HttpClient.Builder following = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5));
        HttpClient.Builder direct = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
        if (local != null) {
            following.localAddress(local);
            direct.localAddress(local);
        }
        this.following = following.build();
        this.direct = direct.build();
    }

    /** The executor URL of a flow; {@code query} is the original query string (e.g. {@code next=/if/user/}), may be null. */
    public static String executorPath(String slug, String query) {
        String path = "/api/v3/flows/executor/" + slug + "/";
        return query == null ? path : path + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    /** GET of the current challenge (raw). */
    public HttpResponse<String> getRaw(String slug, String query) {
        return send(following, HttpRequest.newBuilder(URI.create(base + executorPath(slug, query))).GET());
    }

    /** GET of the current challenge (raw) with extra headers (name, value, name, value, ...). */
    public HttpResponse<String> getRaw(String slug, String query, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + executorPath(slug, query))).GET();
        return send(following, headers.length == 0 ? b : b.headers(headers));
    }

    /** POST of an answer without following the redirect (raw). */
    public HttpResponse<String> postRaw(String slug, String query, Map<String, Object> answer) {
        return send(direct, HttpRequest.newBuilder(URI.create(base + executorPath(slug, query)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(answer))));
    }

    /** The current challenge. */
    public JsonNode current(String slug, String query) {
        return parse(getRaw(slug, query));
    }

    /** Posts an answer and returns what follows: the next challenge (after the 302), or the same one with errors. */
    public JsonNode answer(String slug, String query, Map<String, Object> answer) {
        return parse(send(following, HttpRequest.newBuilder(URI.create(base + executorPath(slug, query)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(answer)))));
    }

    /** The answer to a challenge by its component: identification → uid_field (+ password), password → password. */
    public static Map<String, Object> answerFor(JsonNode challenge, String username, String password) {
        String component = challenge.path("component").asString("");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("component", component);
        switch (component) {
            case IDENTIFICATION -> {
                body.put("uid_field", username);
                if (challenge.path("password_fields").asBoolean(false)) {
                    body.put("password", password);
                }
            }
            case PASSWORD -> body.put("password", password);
            default -> throw new IllegalStateException("no answer for challenge " + challenge);
        }
        return body;
    }

    /**
     * Runs a flow from its current challenge, answering identification and password challenges, until a
     * challenge this client cannot answer, an answer is refused ({@code response_errors}), or the end.
     */
    public JsonNode run(String slug, String query, String username, String password) {
        JsonNode step = current(slug, query);
        for (int i = 0; i < MAX_STEPS; i++) {
            String component = step.path("component").asString("");
            if (step.has("response_errors") || !(component.equals(IDENTIFICATION) || component.equals(PASSWORD))) {
                return step;
            }
            step = answer(slug, query, answerFor(step, username, password));
        }
        throw new IllegalStateException("flow did not end after " + MAX_STEPS + " steps: " + step);
    }

    /** A GET of any path with this client's cookies (e.g. {@code /api/v3/core/users/me/}). */
    public HttpResponse<String> get(String path) {
        return send(following, HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A GET of a path (or an absolute URL) with this client's cookies, without following a redirect. */
    public HttpResponse<String> getDirect(String pathOrUrl) {
        return send(direct, HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("/") ? base + pathOrUrl : pathOrUrl))
                .GET());
    }

    /** A form POST (application/x-www-form-urlencoded) with this client's cookies, without following a redirect. */
    public HttpResponse<String> postFormDirect(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(direct, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** The value of a cookie this client holds. */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().get(URI.create(base)).stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    /** Plants a cookie as if the server (or an attacker on a sibling site) had set it. */
    public void setCookie(String name, String value) {
        HttpCookie c = new HttpCookie(name, value);
        c.setPath("/");
        c.setDomain(URI.create(base).getHost()); // as CookieManager records a host-only cookie: the server's replaces it
        c.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), c);
    }

    public JsonNode parse(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " -> " + r.statusCode() + ": "
                    + r.body());
        }
        return json.readTree(r.body());
    }

    /**
     * Sends {@code X-Forwarded-For: ip} with every request from now on: the server (trusting loopback as a proxy, its
     * default) then sees the client at {@code ip}.
     */
    public FlowClient forwardedFor(String ip) {
        forwardedFor = ip;
        return this;
    }

    /** Sends {@code User-Agent: ua} with every request from now on (a browser's own). */
    public FlowClient userAgent(String ua) {
        userAgent = ua;
        return this;
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder b) {
        if (forwardedFor != null) {
            b.setHeader("X-Forwarded-For", forwardedFor);
        }
        if (userAgent != null) {
            b.setHeader("User-Agent", userAgent);
        }
        try {
            return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        following.close();
        direct.close();
    }
}
