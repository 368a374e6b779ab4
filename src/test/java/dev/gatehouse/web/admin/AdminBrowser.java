package dev.gatehouse.web.admin;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in browser for the admin pages in plain HTTP: a session of one user, GETs, and form posts carrying
 * the CSRF token of the page they come from, as a browser without JavaScript sends them. Redirects are not followed.
 */
public final class AdminBrowser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final TestServer server;
    private final String cookie;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private AdminBrowser(TestServer server, String cookie) {
        this.server = server;
        this.cookie = cookie;
    }

    /** Signed in as {@code username} (a session made directly, as the login flow would). */
    public static AdminBrowser as(TestServer server, String username) {
        User u = new UserStore(server.gatehouse().database().dsl()).byUsername(username).orElseThrow();
        SessionService.Issued issued = server.gatehouse().sessions().login(u, "127.0.0.1", "test", Duration.ofHours(1));
        return new AdminBrowser(server, "gatehouse_session=" + issued.key());
    }

    /** No session at all. */
    public static AdminBrowser signedOut(TestServer server) {
        return new AdminBrowser(server, null);
    }

    public HttpResponse<String> get(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b.build());
    }

    /** The CSRF token of the form on the page at {@code path}. */
    public String csrf(String path) {
        Matcher m = CSRF.matcher(get(path).body());
        if (!m.find()) {
            throw new AssertionError("no CSRF field on " + path);
        }
        return m.group(1);
    }

    /** Posts {@code fields} (name, value pairs; a name may repeat) to {@code path} with the token of {@code formPage}. */
    public HttpResponse<String> submit(String formPage, String path, List<Map.Entry<String, String>> fields) {
        StringBuilder body = new StringBuilder("csrf=").append(enc(csrf(formPage)));
        fields.forEach(e -> body.append('&').append(enc(e.getKey())).append('=').append(enc(e.getValue())));
        return post(path, body.toString());
    }

    /** Posts a raw form body (no token added). */
    public HttpResponse<String> post(String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b.build());
    }

    public static Map.Entry<String, String> field(String name, String value) {
        return Map.entry(name, value);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest r) {
        try {
            return client.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
