package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The browser session as an API credential (with CSRF on unsafe methods) and {@code core/authenticated_sessions/}. */
class AuthenticatedSessionsApiTest {
    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";
    private static TestServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private record Browser(SessionService.Issued issued, String csrf) {
        String cookie() {
            return "gatehouse_session=" + issued.key();
        }
    }

    private static Browser login(String username) {
        SessionService sessions = server.gatehouse().sessions();
        User user = new UserStore(server.gatehouse().database().dsl()).byUsername(username).orElseThrow();
        SessionService.Issued issued = sessions.login(user, "192.0.2.50", UA, Duration.ofHours(1));
        return new Browser(issued, sessions.csrfToken(issued.session()));
    }

    private static HttpResponse<String> call(String method, String path, Browser b, String json, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (b != null) {
            all.addAll(List.of("Cookie", "other=1; " + b.cookie()));
        }
        return ApiTestSupport.send(client, server.base() + "/api/v3/" + path, method, null,
                json == null ? null : HttpRequest.BodyPublishers.ofString(json), all.toArray(String[]::new));
    }

    private static String tokenBody(String identifier) {
        return obj("identifier", identifier, "intent", "api");
    }

    @Test
    void sessionCookieWhenValidThenAuthenticatesReads() {
        createUser(server, "reader");
        Browser b = login("reader");

        JsonNode me = expect(call("GET", "core/users/me/", b, null), 200);

        assertThat(me.get("user").get("username").asString()).isEqualTo("reader");
        expect(call("GET", "core/users/me/", null, null, "Cookie", "gatehouse_session=" + "A".repeat(43)), 401);
    }

    @Test
    void unsafeMethodWhenCsrfMissingOrWrongThen403AndWithItWorks() {
        createUser(server, "writer");
        Browser b = login("writer");

        JsonNode missing = expect(call("POST", "core/tokens/", b, tokenBody("writer-1")), 403);
        JsonNode wrong = expect(call("POST", "core/tokens/", b, tokenBody("writer-1"), "X-authentik-CSRF",
                login("writer").csrf()), 403);
        JsonNode created = expect(call("POST", "core/tokens/", b, tokenBody("writer-1"), "X-authentik-CSRF", b.csrf()), 201);

        assertThat(missing.get("detail").asString()).startsWith("CSRF Failed:");
        assertThat(wrong.get("detail").asString()).startsWith("CSRF Failed:");
        assertThat(created.get("identifier").asString()).isEqualTo("writer-1");
        assertThat(created.get("user_obj").get("username").asString()).isEqualTo("writer");
    }

    @Test
    void deleteOwnSessionThroughTheApiThenThatCookieNoLongerAuthenticates() {
        createUser(server, "leaver");
        Browser b = login("leaver");
        Browser other = login("leaver");
        String path = "core/authenticated_sessions/" + b.issued().session().uuid() + "/";
        expect(call("GET", "core/users/me/", b, null), 200);

        expect(call("DELETE", path, b, null), 403);
        expect(call("DELETE", path, b, null, "X-authentik-CSRF", b.csrf()), 204);

        expect(call("GET", "core/users/me/", b, null), 401);
        expect(call("GET", "core/users/me/", other, null), 200);
        expect(call("GET", path, other, null), 404);
    }

    @Test
    void listWhenNotSuperuserThenOwnSessionsOnlyWithCurrentMarked() {
        createUser(server, "lister");
        createUser(server, "bystander");
        Browser mine = login("lister");
        Browser second = login("lister");
        login("bystander");

        JsonNode body = expect(call("GET", "core/authenticated_sessions/", mine, null), 200);

        assertThat(body.get("pagination").get("count").asLong()).isEqualTo(2);
        List<String> current = new ArrayList<>();
        for (JsonNode s : body.get("results")) {
            assertThat(s.get("user").asLong()).isEqualTo(mine.issued().session().user());
            assertThat(s.get("last_ip").asString()).isEqualTo("192.0.2.50");
            assertThat(s.get("user_agent").get("string").asString()).isEqualTo(UA);
            assertThat(s.get("last_user_agent").asString()).isEqualTo(UA);
            assertThat(s.has("expires") && s.has("last_used")).isTrue();
            if (s.get("current").asBoolean()) {
                current.add(s.get("uuid").asString());
            }
        }
        assertThat(current).containsExactly(mine.issued().session().uuid().toString());
        JsonNode one = expect(call("GET", "core/authenticated_sessions/" + second.issued().session().uuid() + "/",
                mine, null), 200);
        assertThat(one.get("current").asBoolean()).isFalse();
    }

    @Test
    void otherUsersSessionWhenNotSuperuserThen404AndItStaysAlive() {
        createUser(server, "mallory");
        createUser(server, "victim");
        Browser mallory = login("mallory");
        Browser victim = login("victim");
        String path = "core/authenticated_sessions/" + victim.issued().session().uuid() + "/";

        expect(call("GET", path, mallory, null), 404);
        expect(call("DELETE", path, mallory, null, "X-authentik-CSRF", mallory.csrf()), 404);
        JsonNode filtered = expect(call("GET", "core/authenticated_sessions/?user=" + victim.issued().session().user(),
                mallory, null), 200);

        assertThat(filtered.get("pagination").get("count").asLong()).isZero();
        expect(call("GET", "core/users/me/", victim, null), 200);
    }

    @Test
    void superuserWhenListingOrDeletingThenAnyUsersSession() {
        createUser(server, "target");
        Browser target = login("target");
        Browser admin = login("akadmin");
        long targetPk = target.issued().session().user();

        JsonNode listed = expect(call("GET", "core/authenticated_sessions/?user=" + targetPk, admin, null), 200);
        assertThat(listed.get("results")).hasSize(1);
        assertThat(listed.get("results").get(0).get("uuid").asString()).isEqualTo(target.issued().session().uuid().toString());

        expect(server.send("DELETE", "/api/v3/core/authenticated_sessions/" + target.issued().session().uuid() + "/",
                ADMIN, null), 204);

        expect(call("GET", "core/users/me/", target, null), 401);
        JsonNode logins = expect(server.get("/api/v3/events/events/?action=login&username=target", ADMIN), 200);
        assertThat(logins.get("results")).hasSize(1);
        assertThat(logins.get("results").get(0).get("client_ip").asString()).isEqualTo("192.0.2.50");
    }

    @Test
    void bearerTokenWhenAlsoACookieThenTheTokenDecidesAndNeedsNoCsrf() {
        createUser(server, "both");
        Browser b = login("both");

        JsonNode created = expect(ApiTestSupport.send(client, server.base() + "/api/v3/core/tokens/", "POST", ADMIN,
                HttpRequest.BodyPublishers.ofString(obj("identifier", "both-admin", "intent", "api")),
                "Cookie", b.cookie()), 201);

        assertThat(created.get("user_obj").get("username").asString()).isEqualTo("akadmin");
    }
}
