package dev.gatehouse.web.admin;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser signed in as akadmin on the admin pages: GETs and form POSTs with its session cookie, not following redirects. */
public final class AdminSession {
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final TestServer server;
    private final String cookie;

    public AdminSession(TestServer server) {
        this.server = server;
        User admin = new UserStore(server.gatehouse().database().dsl()).byUsername("akadmin").orElseThrow();
        SessionService.Issued issued = server.gatehouse().sessions().login(admin, "127.0.0.1", "test",
                Duration.ofHours(1));
        this.cookie = "gatehouse_session=" + issued.key();
    }

    public HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token the admin pages put in their forms. */
    public String csrf() throws Exception {
        Matcher m = CSRF.matcher(get("/if/admin/").body());
        if (!m.find()) {
            throw new IllegalStateException("no csrf token on the overview");
        }
        return m.group(1);
    }

    /** A form POST; {@code form} is name, value, name, value…; the session's CSRF token is added unless given. */
    public HttpResponse<String> post(String path, String... form) throws Exception {
        StringBuilder body = new StringBuilder();
        boolean hasCsrf = false;
        for (int i = 0; i < form.length; i += 2) {
            hasCsrf |= form[i].equals("csrf");
            append(body, form[i], form[i + 1]);
        }
        if (!hasCsrf) {
            append(body, "csrf", csrf());
        }
        return postRaw(path, body.toString());
    }

    public HttpResponse<String> postRaw(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void append(StringBuilder body, String name, String value) {
        if (value == null) {
            return; // a null value leaves the field out (csrf: null omits the token)
        }
        body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    public static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse(null);
    }

    public static Map<String, String> none() {
        return Map.of();
    }
}
