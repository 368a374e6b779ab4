package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.modelEvents;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code events/events/}: every API write leaves a model_* event with the actor and the client address. */
class EventsApiTest {
    private static final String EVENTS = "/api/v3/events/events/";
    private static TestServer server;
    private static long userPk;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        userPk = createUser(server, "audited");
        expect(server.send("PATCH", "/api/v3/core/users/" + userPk + "/", ADMIN, obj("name", "Audited Person")), 200);
        expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "audited-group")), 201);
        expect(server.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", "Audited", "slug", "audited-app")), 201);
        expect(server.send("DELETE", "/api/v3/core/applications/audited-app/", ADMIN, null), 204);
        expect(server.send("DELETE", "/api/v3/core/users/" + userPk + "/", ADMIN, null), 204);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertByAdminFromLoopback(JsonNode e) {
        assertThat(e.get("user").get("username").asString()).isEqualTo("akadmin");
        assertThat(e.get("user").get("pk").asLong()).isEqualTo(ApiTestSupport.adminPk(server));
        assertThat(e.get("client_ip").asString()).isEqualTo("127.0.0.1");
    }

    @Test
    void writesThenModelCreatedUpdatedDeletedEventsByAkadminFromLoopback() {
        List<JsonNode> created = modelEvents(server, "model_created", "audited");
        List<JsonNode> updated = modelEvents(server, "model_updated", "audited");
        List<JsonNode> deleted = modelEvents(server, "model_deleted", "audited");

        assertThat(created).hasSize(1);
        assertThat(created.getFirst().get("context").get("model").get("model_name").asString()).isEqualTo("user");
        assertThat(created.getFirst().get("context").get("model").get("pk").asLong()).isEqualTo(userPk);
        assertThat(created.getFirst().get("context").get("model").get("app").asString()).isEqualTo("authentik_core");
        assertThat(updated).hasSize(1);
        assertThat(deleted).hasSize(1);
        List<JsonNode> all = new ArrayList<>(created);
        all.addAll(updated);
        all.addAll(deleted);
        all.addAll(modelEvents(server, "model_created", "audited-group"));
        all.addAll(modelEvents(server, "model_created", "Audited"));
        all.addAll(modelEvents(server, "model_deleted", "Audited"));
        assertThat(all).hasSize(6);
        all.forEach(EventsApiTest::assertByAdminFromLoopback);
    }

    @Test
    void eventContextNeverCarriesSecrets() {
        JsonNode t = expect(server.send("POST", "/api/v3/core/tokens/", ADMIN, obj("identifier", "audited-token")), 201);
        long pk = createUser(server, "pw-audited");
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN,
                obj("password", "Very-Secret-Pw-1")), 204);

        String all = server.get(EVENTS + "?page_size=1000", ADMIN).body();
        assertThat(all).contains("audited-token").contains("password_set")
                .doesNotContain(t.get("key").asString()).doesNotContain("Very-Secret-Pw-1").doesNotContain("argon2");
    }

    @Test
    void listEventsThenNewestFirst() {
        expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "newest-group")), 201);

        JsonNode results = expect(server.get(EVENTS + "?page_size=1000", ADMIN), 200).get("results");

        assertThat(results.get(0).get("action").asString()).isEqualTo("model_created");
        assertThat(results.get(0).get("context").get("model").get("name").asString()).isEqualTo("newest-group");
        List<Instant> times = new ArrayList<>();
        for (JsonNode e : results) {
            times.add(Instant.parse(e.get("created").asString()));
        }
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(times.size()).isGreaterThan(5);
        // the bootstrap events come last
        JsonNode oldest = results.get(results.size() - 1);
        assertThat(oldest.get("user").has("username")).isFalse();
    }

    @Test
    void listEventsWhenActionFilterThenOnlyThatAction() {
        JsonNode body = expect(server.get(EVENTS + "?action=model_created&page_size=1000", ADMIN), 200);
        assertThat(texts(body.get("results"), "action")).isNotEmpty().containsOnly("model_created");
        JsonNode deleted = expect(server.get(EVENTS + "?action=model_deleted&page_size=1000", ADMIN), 200);
        assertThat(texts(deleted.get("results"), "action")).isNotEmpty().containsOnly("model_deleted");
        assertThat(body.get("pagination").get("count").asInt()).isEqualTo(body.get("results").size());
    }

    @Test
    void listEventsWhenUsernameFilterThenOnlyThatActor() {
        JsonNode body = expect(server.get(EVENTS + "?username=akadmin&page_size=1000", ADMIN), 200);
        assertThat(body.get("results")).isNotEmpty();
        for (JsonNode e : body.get("results")) {
            assertThat(e.get("user").get("username").asString()).isEqualTo("akadmin");
        }
        JsonNode all = expect(server.get(EVENTS + "?page_size=1000", ADMIN), 200);
        assertThat(all.get("pagination").get("count").asInt())
                .isGreaterThan(body.get("pagination").get("count").asInt());
        assertThat(expect(server.get(EVENTS + "?username=nobody", ADMIN), 200).get("results")).isEmpty();
    }

    @Test
    void getEventByPkThenSameEvent() {
        JsonNode first = expect(server.get(EVENTS + "?page_size=1", ADMIN), 200).get("results").get(0);
        assertThat(expect(server.get(EVENTS + first.get("pk").asString() + "/", ADMIN), 200)).isEqualTo(first);
        expect(server.get(EVENTS + "00000000-0000-0000-0000-000000000000/", ADMIN), 404);
        expect(server.get(EVENTS + "123/", ADMIN), 404);
    }
}
