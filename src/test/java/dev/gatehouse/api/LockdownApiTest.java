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

    private static String defaultBrand() {
        return expect(server.get("/api/v3/core/brands/?default=true", ADMIN), 200).get("results").get(0)
                .get("brand_uuid").asString();
    }

    @Test
    void accountLockdownWithoutUserThenFlowUrlOfTheBrandsLockdownFlowForOneself() {
        long caller = createUser(server, "ald-self");
        String key = createToken(server, "ald-self-api", "api", caller);

        JsonNode body = expect(server.send("POST", USERS + "account_lockdown/", key, "{}"), 200);

        assertThat(body.get("flow_url").asString()).matches(
                "http://127\\.0\\.0\\.1:\\d+/if/flow/default-account-lockdown/\\?flow_token=[A-Za-z0-9_-]{43}");
        assertThat(expect(server.get(USERS + caller + "/", ADMIN), 200).get("is_active").booleanValue())
                .as("nothing is locked before the flow runs").isTrue();
    }

    @Test
    void accountLockdownOfAnotherUserThen403ForAUserAnd200ForASuperuser() {
        long caller = createUser(server, "ald-caller");
        long other = createUser(server, "ald-other");
        String key = createToken(server, "ald-caller-api", "api", caller);

        expect(server.send("POST", USERS + "account_lockdown/", key, obj("user", other)), 403);
        expect(server.send("POST", USERS + "account_lockdown/", key, obj("user", caller)), 200);
        JsonNode admin = expect(server.send("POST", USERS + "account_lockdown/", ADMIN, obj("user", other)), 200);

        assertThat(admin.get("flow_url").asString()).contains("/if/flow/default-account-lockdown/?flow_token=");
    }

    @Test
    void accountLockdownOfUnknownUserThen400OnTheField() {
        JsonNode body = expect(server.send("POST", USERS + "account_lockdown/", ADMIN, obj("user", 876543)), 400);

        assertThat(body.get("user").get(0).asString()).contains("does not exist");
    }

    @Test
    void accountLockdownWithoutALockdownFlowOnTheBrandThen400NonFieldErrors() {
        String brand = defaultBrand();
        String flow = expect(server.get("/api/v3/core/brands/" + brand + "/", ADMIN), 200).get("flow_lockdown").asString();
        expect(server.send("PATCH", "/api/v3/core/brands/" + brand + "/", ADMIN, "{\"flow_lockdown\": null}"), 200);
        try {
            JsonNode single = expect(server.send("POST", USERS + "account_lockdown/", ADMIN, "{}"), 400);
            JsonNode bulk = expect(server.send("POST", USERS + "account_lockdown_bulk/", ADMIN,
                    obj("users", List.of(adminPk()))), 400);

            assertThat(single.get("non_field_errors").get(0).asString()).isEqualTo("No lockdown flow configured.");
            assertThat(bulk.get("non_field_errors").get(0).asString()).isEqualTo("No lockdown flow configured.");
        } finally {
            expect(server.send("PATCH", "/api/v3/core/brands/" + brand + "/", ADMIN, obj("flow_lockdown", flow)), 200);
        }
    }

    @Test
    void bulkByUserForOthersThen403AndEmptyOrMissingListThen400() {
        long caller = createUser(server, "bulk-caller");
        long other = createUser(server, "bulk-other");
        String key = createToken(server, "bulk-caller-api", "api", caller);

        expect(server.send("POST", USERS + "account_lockdown_bulk/", key, obj("users", List.of(caller, other))), 403);
        expect(server.send("POST", USERS + "account_lockdown_bulk/", key, obj("users", List.of(caller))), 200);
        assertThat(expect(server.send("POST", USERS + "account_lockdown_bulk/", ADMIN, obj("users", List.of())), 400)
                .has("users")).isTrue();
        assertThat(expect(server.send("POST", USERS + "account_lockdown_bulk/", ADMIN, "{}"), 400).has("users")).isTrue();
        assertThat(expect(server.send("POST", USERS + "account_lockdown_bulk/", ADMIN, obj("users", List.of(765432))),
                400).has("users")).isTrue();
    }

    @Test
    void bulkFlowUrlRunByTheAdminLocksEveryListedUserDownWithTheReason() {
        long a = createUser(server, "bulk-a");
        long b = createUser(server, "bulk-b");
        String url = expect(server.send("POST", USERS + "account_lockdown_bulk/", ADMIN, obj("users", List.of(a, b, a))),
                200).get("flow_url").asString();

        try (dev.gatehouse.testing.FlowClient browser = adminBrowser()) {
            assertThat(browser.getDirect(url).statusCode()).as("the link claims the parked plan").isEqualTo(303);
            JsonNode prompt = browser.current("default-account-lockdown", null);
            assertThat(prompt.get("component").asString()).as(prompt.toString()).isEqualTo("ak-stage-prompt");
            JsonNode done = browser.answer("default-account-lockdown", null, java.util.Map.of(
                    "component", "ak-stage-prompt", "reason", "leaked laptop"));
            assertThat(done.get("component").asString()).as(done.toString()).isEqualTo("xak-flow-redirect");
            expect(browser.get("/api/v3/core/users/me/"), 200);
        }

        for (long pk : List.of(a, b)) {
            assertThat(expect(server.get(USERS + pk + "/", ADMIN), 200).get("is_active").booleanValue()).isFalse();
        }
        assertThat(lockdownEvents("bulk-a")).singleElement().satisfies(e -> {
            assertThat(e.get("context").get("reason").asString()).isEqualTo("leaked laptop");
            assertThat(e.get("user").get("username").asString()).isEqualTo("akadmin");
        });
        assertThat(lockdownEvents("bulk-b")).hasSize(1);
    }

    private static long adminPk() {
        return ApiTestSupport.adminPk(server);
    }

    /** A browser with a session of akadmin. */
    private static dev.gatehouse.testing.FlowClient adminBrowser() {
        dev.gatehouse.testing.FlowClient browser = new dev.gatehouse.testing.FlowClient(server.base());
        dev.gatehouse.core.User admin = new dev.gatehouse.core.UserStore(server.gatehouse().database().dsl())
                .byUsername("akadmin").orElseThrow();
        browser.setCookie("gatehouse_session", server.gatehouse().sessions().login(admin, "127.0.0.1", "test",
                java.time.Duration.ofHours(1)).key());
        return browser;
    }
}
