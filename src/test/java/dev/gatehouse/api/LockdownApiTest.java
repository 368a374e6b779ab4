package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST core/users/<pk>/lockdown/} (seed 000, acts at once) and authentik's {@code account_lockdown/} and
 * {@code account_lockdown_bulk/} (answer the brand's lockdown flow as {@code flow_url}).
 */
class LockdownApiTest {
    private static final String USERS = "/api/v3/core/users/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<JsonNode> lockdownEvents(String username) {
        JsonNode body = expect(server.get("/api/v3/events/events/?page_size=1000&action=account_lockdown_triggered",
                ADMIN), 200);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : body.get("results")) {
            if (username.equals(e.path("context").path("affected_user").asString(""))) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void lockdownBySuperuserThen204UserInactiveTokensGoneAndEventWithReason() {
        long pk = createUser(server, "ld-target");
        String key = createToken(server, "ld-target-api", "api", pk);
        expect(server.get(USERS + "me/", key), 200);

        assertThat(server.send("POST", USERS + pk + "/lockdown/", ADMIN, obj("reason", "phished")).statusCode())
                .isEqualTo(204);

        JsonNode user = expect(server.get(USERS + pk + "/", ADMIN), 200);
        assertThat(user.get("is_active").booleanValue()).isFalse();
        assertThat(server.get(USERS + "me/", key).statusCode()).isEqualTo(401);
        assertThat(expect(server.get("/api/v3/core/tokens/?user=" + pk, ADMIN), 200).get("results")).isEmpty();
        List<JsonNode> events = lockdownEvents("ld-target");
        assertThat(events).hasSize(1);
        JsonNode context = events.getFirst().get("context");
        assertThat(context.get("reason").asString()).isEqualTo("phished");
        assertThat(context.get("affected_user_pk").asLong()).isEqualTo(pk);
        assertThat(events.getFirst().get("user").get("username").asString()).isEqualTo("akadmin");
    }

    @Test
    void lockdownWithoutBodyThen204() {
        long pk = createUser(server, "ld-nobody");

        assertThat(server.send("POST", USERS + pk + "/lockdown/", ADMIN, null).statusCode()).isEqualTo(204);

        assertThat(lockdownEvents("ld-nobody")).singleElement()
                .satisfies(e -> assertThat(e.get("context").get("reason").asString()).isEmpty());
    }

    @Test
    void lockdownOfSomeoneElseByNonSuperuserThen403AndNothingChanged() {
        long caller = createUser(server, "ld-caller");
        long victim = createUser(server, "ld-victim");
        String key = createToken(server, "ld-caller-api", "api", caller);

        JsonNode denied = expect(server.send("POST", USERS + victim + "/lockdown/", key, null), 403);

        assertThat(denied.get("detail").asString()).isNotBlank();
        assertThat(expect(server.get(USERS + victim + "/", ADMIN), 200).get("is_active").booleanValue()).isTrue();
        assertThat(lockdownEvents("ld-victim")).isEmpty();
    }

    @Test
    void lockdownOfOneselfByNonSuperuserThen204() {
        long caller = createUser(server, "ld-self");
        String key = createToken(server, "ld-self-api", "api", caller);

        assertThat(server.send("POST", USERS + caller + "/lockdown/", key, obj("reason", "not me")).statusCode())
                .isEqualTo(204);

        assertThat(expect(server.get(USERS + caller + "/", ADMIN), 200).get("is_active").booleanValue()).isFalse();
        assertThat(lockdownEvents("ld-self")).singleElement()
                .satisfies(e -> assertThat(e.get("user").get("username").asString()).isEqualTo("ld-self"));
    }

    @Test
    void lockdownOfUnknownPkThen404() {
        JsonNode body = expect(server.send("POST", USERS + "987654/lockdown/", ADMIN, null), 404);

        assertThat(body.get("detail").asString()).isEqualTo("Not found.");
    }

    @Test
    void lockdownOfInternalServiceAccountThen400AndStillActive() {
        JsonNode sa = expect(server.send("POST", USERS, ADMIN, obj("username", "ld-outpost", "name", "Outpost",
                "type", "internal_service_account")), 201);
        long pk = sa.get("pk").asLong();

        JsonNode body = expect(server.send("POST", USERS + pk + "/lockdown/", ADMIN, null), 400);

        assertThat(body.get("non_field_errors").get(0).asString()).contains("service account");
        assertThat(expect(server.get(USERS + pk + "/", ADMIN), 200).get("is_active").booleanValue()).isTrue();
    }

    @Test
    void lockdownWithReasonNotAStringThen400() {
        long pk = createUser(server, "ld-badreason");

        JsonNode body = expect(server.send("POST", USERS + pk + "/lockdown/", ADMIN, obj("reason", 5)), 400);

        assertThat(body.has("reason")).isTrue();
        assertThat(expect(server.get(USERS + pk + "/", ADMIN), 200).get("is_active").booleanValue()).isTrue();
    }
}
