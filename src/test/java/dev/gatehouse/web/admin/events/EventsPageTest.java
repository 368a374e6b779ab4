package dev.gatehouse.web.admin.events;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Event;
import dev.gatehouse.core.EventStore;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.web.admin.AdminSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events → Logs: filters by action, user, application and date; the detail page shows the context as JSON; the overview. */
class EventsPageTest {
    private static TestServer server;
    private static AdminSession admin;
    private static String appPk;
    private static final UUID AUTHORIZED = UUID.randomUUID();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = new AdminSession(server);
        appPk = expect(server.send("POST", "/api/v3/core/applications/", ADMIN,
                obj("name", "Logged App", "slug", "logged-app")), 201).get("pk").asString();
        Instant at = Instant.parse("2026-02-10T08:30:00Z");
        new EventStore(server.gatehouse().database().dsl()).insert(new Event(AUTHORIZED, "authorize_application",
                Map.of("pk", 1, "username", "akadmin"), "authentik.providers.oauth2", Map.of("authorized_application",
                Map.of("app", "authentik_core", "model_name", "application", "pk", appPk, "name", "Logged App"),
                "scopes", "openid <script>x</script>"), "192.0.2.7", Map.of(), at, at.plus(Duration.ofDays(3650))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void filtersByActionUserApplicationAndDate() throws Exception {
        HttpResponse<String> all = admin.get("/if/admin/events/");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("id=\"filter-action\"", "id=\"filter-username\"", "id=\"filter-app\"",
                "id=\"filter-from\"", "id=\"filter-to\"", "<option value=\"login_failed\"", "model_created",
                "<option value=\"" + appPk + "\"");

        String byAction = admin.get("/if/admin/events/?action=authorize_application").body();
        assertThat(byAction).contains("href=\"/if/admin/events/" + AUTHORIZED + "/\"", "Logged App", "1 event,");
        assertThat(admin.get("/if/admin/events/?app=" + appPk).body()).contains("1 event,", AUTHORIZED.toString());
        assertThat(admin.get("/if/admin/events/?username=akadmin&from=2026-02-10&to=2026-02-10").body())
                .contains("1 event,", AUTHORIZED.toString());
        assertThat(admin.get("/if/admin/events/?action=authorize_application&from=2026-02-11").body())
                .contains("0 events", "No events match.");
        assertThat(admin.get("/if/admin/events/?username=nobody-at-all").body()).contains("0 events");
        HttpResponse<String> bad = admin.get("/if/admin/events/?from=tomorrow");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body().indexOf("id=\"filter-from-errors\"")).isGreaterThan(bad.body().indexOf("id=\"filter-from\""));
    }

    @Test
    void detailShowsTheContextAsJsonEscaped() throws Exception {
        HttpResponse<String> r = admin.get("/if/admin/events/" + AUTHORIZED + "/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Event authorize_application", "192.0.2.7", "2026-02-10 08:30:00 UTC",
                "\"authorized_application\" : {", "openid &lt;script&gt;x&lt;/script&gt;")
                .doesNotContain("<script>x");
        assertThat(admin.get("/if/admin/events/" + UUID.randomUUID() + "/").statusCode()).isEqualTo(404);
        assertThat(admin.get("/if/admin/events/new/").statusCode()).isEqualTo(404);
    }

    @Test
    void overviewCountsRecentLoginsVersionAndHealth() throws Exception {
        new AdminSession(server); // a sign-in: a login event
        long apps = expect(server.get("/api/v3/core/applications/?page_size=1", ADMIN), 200).get("pagination")
                .get("count").asLong();
        HttpResponse<String> r = admin.get("/if/admin/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Users", "Groups", "Applications", "Providers", "Flows", "Policies", "Outposts",
                "Recent logins", "Recent failed logins", dev.gatehouse.core.Version.VALUE,
                "Reachable, schema current", "href=\"/if/admin/events/?action=login_failed\"");
        assertThat(r.body()).contains("<strong>" + apps + "</strong>Applications");
        assertThat(r.body().substring(r.body().indexOf("id=\"recent-logins\""))).contains(">akadmin</a>");
    }
}
