package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.modelEvents;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The API against a real PostgreSQL: users, groups and tokens round trips. */
class PostgresApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startOnPostgres();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void serverRunsOnPostgres() {
        assertThat(server.gatehouse().database().dialect()).isEqualTo(SQLDialect.POSTGRES);
        expect(server.get("/-/health/ready/", null), 200);
        JsonNode users = expect(server.get("/api/v3/core/users/", ADMIN), 200);
        assertThat(texts(users.get("results"), "username")).containsExactly("akadmin");
    }

    @Test
    void userRoundTrip() {
        JsonNode created = expect(server.send("POST", "/api/v3/core/users/", ADMIN, obj("username", "pg-user",
                "name", "PG User", "attributes", Map.of("nested", Map.of("list", List.of(1, 2))))), 201);
        long pk = created.get("pk").asLong();
        assertThat(texts(expect(server.get("/api/v3/core/users/?search=pg-user", ADMIN), 200).get("results"), "username"))
                .containsExactly("pg-user");

        JsonNode patched = expect(server.send("PATCH", "/api/v3/core/users/" + pk + "/", ADMIN,
                obj("email", "pg@example.org", "is_active", false)), 200);
        assertThat(patched.get("email").asString()).isEqualTo("pg@example.org");
        assertThat(patched.get("attributes").get("nested").get("list").get(1).asInt()).isEqualTo(2);
        assertThat(texts(expect(server.get("/api/v3/core/users/?is_active=false", ADMIN), 200).get("results"),
                "username")).containsExactly("pg-user");
        expect(server.send("POST", "/api/v3/core/users/", ADMIN, obj("username", "pg-user", "name", "again")), 400);

        expect(server.send("DELETE", "/api/v3/core/users/" + pk + "/", ADMIN, null), 204);
        expect(server.get("/api/v3/core/users/" + pk + "/", ADMIN), 404);
        assertThat(modelEvents(server, "model_deleted", "pg-user")).hasSize(1)
                .allSatisfy(e -> assertThat(e.get("client_ip").asString()).isEqualTo("127.0.0.1"));
    }

    @Test
    void groupRoundTrip() {
        String parent = expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "pg-parent",
                "is_superuser", true)), 201).get("pk").asString();
        String child = expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "pg-child",
                "parents", List.of(parent))), 201).get("pk").asString();
        long member = expect(server.send("POST", "/api/v3/core/users/", ADMIN, obj("username", "pg-member",
                "name", "M")), 201).get("pk").asLong();
        expect(server.send("POST", "/api/v3/core/groups/" + child + "/add_user/", ADMIN, obj("pk", member)), 204);
        assertThat(expect(server.get("/api/v3/core/users/" + member + "/", ADMIN), 200).get("is_superuser")
                .booleanValue()).isTrue();

        JsonNode cycle = expect(server.send("PATCH", "/api/v3/core/groups/" + parent + "/", ADMIN,
                obj("parents", List.of(child))), 400);
        assertThat(cycle.propertyNames()).containsExactly("parents");
        expect(server.send("PATCH", "/api/v3/core/groups/" + child + "/", ADMIN, obj("name", "pg-child-2")), 200);
        assertThat(texts(expect(server.get("/api/v3/core/groups/?search=pg-", ADMIN), 200).get("results"), "name"))
                .containsExactly("pg-child-2", "pg-parent");

        expect(server.send("POST", "/api/v3/core/groups/" + child + "/remove_user/", ADMIN, obj("pk", member)), 204);
        expect(server.send("DELETE", "/api/v3/core/groups/" + parent + "/", ADMIN, null), 204);
        assertThat(expect(server.get("/api/v3/core/groups/" + child + "/", ADMIN), 200).get("parents")).isEmpty();
        expect(server.send("DELETE", "/api/v3/core/groups/" + child + "/", ADMIN, null), 204);
        assertThat(expect(server.get("/api/v3/core/groups/?search=pg-", ADMIN), 200).get("results")).isEmpty();
    }

    @Test
    void tokenRoundTrip() {
        JsonNode created = expect(server.send("POST", "/api/v3/core/tokens/", ADMIN,
                obj("identifier", "pg-token", "intent", "api", "expiring", false)), 201);
        String key = created.get("key").asString();
        assertThat(key).hasSize(64);
        expect(server.get("/api/v3/core/users/me/", key), 200);
        assertThat(expect(server.get("/api/v3/core/tokens/pg-token/", ADMIN), 200).has("key")).isFalse();
        assertThat(texts(expect(server.get("/api/v3/core/tokens/?identifier=pg-token", ADMIN), 200).get("results"),
                "identifier")).containsExactly("pg-token");

        expect(server.send("PATCH", "/api/v3/core/tokens/pg-token/", ADMIN,
                obj("expiring", true, "expires", "2020-01-01T00:00:00Z")), 200);
        expect(server.get("/api/v3/core/users/me/", key), 401);
        expect(server.send("PATCH", "/api/v3/core/tokens/pg-token/", ADMIN, obj("expiring", false)), 200);
        expect(server.get("/api/v3/core/users/me/", key), 200);

        expect(server.send("DELETE", "/api/v3/core/tokens/pg-token/", ADMIN, null), 204);
        expect(server.get("/api/v3/core/users/me/", key), 401);
        expect(server.get("/api/v3/core/tokens/pg-token/", ADMIN), 404);
    }
}
