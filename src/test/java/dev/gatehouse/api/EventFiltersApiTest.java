package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Event;
import dev.gatehouse.core.EventStore;
import dev.gatehouse.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code events/events/} filters beyond the exact ones: {@code created__gte}/{@code created__lte} (instants, or
 * dates covering whole UTC days) and {@code context_authorized_app} (the application an event authorized).
 */
class EventFiltersApiTest {
    private static final String EVENTS = "/api/v3/events/events/?page_size=1000&action=filter_probe";
    private static final UUID APP = UUID.randomUUID();
    private static final UUID OTHER_APP = UUID.randomUUID();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        EventStore store = new EventStore(server.gatehouse().database().dsl());
        store.insert(event("first", Instant.parse("2026-03-01T23:59:59Z"), Map.of()));
        store.insert(event("second", Instant.parse("2026-03-02T00:00:00Z"), authorized(APP)));
        store.insert(event("third", Instant.parse("2026-03-02T12:00:00Z"), authorized(OTHER_APP)));
        store.insert(event("fourth", Instant.parse("2026-03-03T00:00:00Z"), Map.of("pk", APP.toString())));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> authorized(UUID app) {
        return Map.of("authorized_application", Map.of("app", "authentik_core", "model_name", "application",
                "pk", app.toString(), "name", "App " + app), "scopes", "openid");
    }

    private static Event event(String username, Instant created, Map<String, Object> context) {
        return new Event(UUID.randomUUID(), "filter_probe", Map.of("pk", 0, "username", username), "test", context,
                "192.0.2.1", Map.of(), created, created.plus(Duration.ofDays(3650)));
    }

    private static java.util.List<String> usernames(String query) {
        JsonNode results = expect(server.get(EVENTS + query, ADMIN), 200).get("results");
        java.util.List<String> out = new java.util.ArrayList<>();
        results.forEach(e -> out.add(e.get("user").get("username").asString()));
        return out;
    }

    @Test
    void dateRangeWholeDaysNewestFirst() {
        assertThat(usernames("")).containsExactly("fourth", "third", "second", "first");
        assertThat(usernames("&created__gte=2026-03-02&created__lte=2026-03-02")).containsExactly("third", "second");
        assertThat(usernames("&created__gte=2026-03-02")).containsExactly("fourth", "third", "second");
        assertThat(usernames("&created__lte=2026-03-01")).containsExactly("first");
    }

    @Test
    void instantsBoundInclusively() {
        assertThat(usernames("&created__gte=2026-03-02T00:00:00Z&created__lte=2026-03-02T12:00:00Z"))
                .containsExactly("third", "second");
        assertThat(usernames("&created__gte=2026-03-02T00:00:01%2B00:00")).containsExactly("fourth", "third");
    }

    @Test
    void authorizedApplicationMatchesOnlyThatApplicationsContext() {
        assertThat(usernames("&context_authorized_app=" + APP)).containsExactly("second");
        assertThat(usernames("&context_authorized_app=" + OTHER_APP)).containsExactly("third");
    }

    @Test
    void unreadableFilterValuesAre400NamingTheFilter() {
        JsonNode bad = expect(server.get(EVENTS + "&created__gte=yesterday&context_authorized_app=x", ADMIN), 400);
        assertThat(bad.has("created__gte")).isTrue();
        assertThat(bad.has("context_authorized_app")).isTrue();
    }

    @Test
    void schemaDeclaresTheFilters() {
        String schema = server.get("/api/v3/schema/", ADMIN).body();
        assertThat(schema).contains("created__gte", "created__lte", "context_authorized_app");
    }
}
