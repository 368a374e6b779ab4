package dev.gatehouse.policy.password_expiry;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The password expiry policy through real sign-ins of the default authentication flow over the executor API (and its
 * no-JavaScript page), on H2 and PostgreSQL, bound as an admin would: to the flow's user_login stage binding, which is
 * evaluated when that stage is reached (after the password and MFA). A fresh password signs in; an expired one is sent
 * through the password-change stages first, or, with deny_only, is refused with authentik's message (also when the
 * policy is checked as a flow is planned: the user settings flow with evaluate_on_plan).
 */
class PasswordExpiryLoginTest {
    private static final String AUTH = DefaultFlows.AUTHENTICATION;

    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of("h2", (Supplier<TestServer>) TestServer::start),
                Arguments.of("postgresql", (Supplier<TestServer>) TestServer::startOnPostgres));
    }

    private static long user(TestServer server, String username, String password, Duration age) {
        long pk = ApiTestSupport.createUser(server, username);
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN, obj("password", password)), 204);
        server.gatehouse().database().txRun(dsl -> {
            User u = new UserStore(dsl).byPk(pk).orElseThrow();
            new UserStore(dsl).setPassword(pk, u.passwordHash(), Instant.now().minus(age));
        });
        return pk;
    }

    private static Instant changed(TestServer server, long pk) {
        return new UserStore(server.gatehouse().database().dsl()).byPk(pk).orElseThrow().passwordChangeDate();
    }

    private static String userLoginBinding(TestServer server) {
        String flow = expect(server.get("/api/v3/flows/instances/" + AUTH + "/", ADMIN), 200).get("pk").asString();
        for (JsonNode b : expect(server.get("/api/v3/flows/bindings/?target=" + flow, ADMIN), 200).get("results")) {
            if (b.path("stage_obj").path("component").asString("").equals("ak-stage-user-login-form")
                    || b.path("order").asInt() == 100) {
                assertThat(b.path("re_evaluate_policies").asBoolean()).isTrue();
                return b.get("pk").asString();
            }
        }
        throw new AssertionError("no user_login binding");
    }

    private static String signedIn(FlowClient client) {
        var r = client.get("/api/v3/core/users/me/");
        return r.statusCode() == 200 ? client.parse(r).path("user").path("username").asString() : null;
    }

    private static boolean signIn(TestServer server, String username, String password) {
        try (FlowClient c = new FlowClient(server.base())) {
            return c.run(AUTH, null, username, password).path("component").asString().equals(FlowClient.REDIRECT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void anExpiredPasswordIsChangedBeforeTheSignInCompletes(String kind, Supplier<TestServer> start) {
        try (TestServer server = start.get()) {
            JsonNode policy = expect(server.send("POST", "/api/v3/policies/password_expiry/", ADMIN,
                    obj("name", "rotate-monthly", "days", 30)), 201);
            assertThat(policy.get("days").asInt()).isEqualTo(30);
            assertThat(policy.get("deny_only").asBoolean()).isFalse();
            assertThat(policy.get("component").asString()).isEqualTo("ak-policy-password-expiry-form");
            expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", userLoginBinding(server),
                    "policy", policy.get("pk").asString(), "order", 0)), 201);

            user(server, "fresh", "fresh-password-1", Duration.ofDays(29));
            long pk = user(server, "stale", "stale-password-1", Duration.ofDays(37).plusHours(1));
            Instant before = changed(server, pk);

            try (FlowClient c = new FlowClient(server.base())) {
                assertThat(c.run(AUTH, null, "fresh", "fresh-password-1").path("component").asString())
                        .as("a fresh password is not bothered").isEqualTo(FlowClient.REDIRECT);
                assertThat(signedIn(c)).isEqualTo("fresh");
            }
            try (FlowClient c = new FlowClient(server.base())) {
                JsonNode form = c.run(AUTH, null, "stale", "stale-password-1");
                assertThat(form.path("component").asString()).as(form.toString()).isEqualTo("ak-stage-prompt");
                List<JsonNode> fields = form.path("fields").valueStream().toList();
                assertThat(fields.getFirst().path("type").asString()).isEqualTo("static");
                assertThat(fields.getFirst().path("initial_value").asString())
                        .isEqualTo("Password expired 7 days ago. Please update your password.");
                assertThat(fields.stream().map(f -> f.path("field_key").asString()).toList())
                        .containsExactly("notice", "password", "password_repeat");
                assertThat(signedIn(c)).as("not signed in while the password is expired").isNull();
                String page = c.get("/if/flow/" + AUTH + "/").body();
                assertThat(page).as("the no-JavaScript page").contains("Password expired 7 days ago. Please update your password.")
                        .contains("name=\"password_repeat\"");

                JsonNode tooShort = c.answer(AUTH, null, change("short", "short"));
                assertThat(tooShort.path("response_errors").path("non_field_errors").get(0).path("string").asString())
                        .isEqualTo("Password needs to be 8 characters or longer.");
                JsonNode done = c.answer(AUTH, null, change("stale-password-2", "stale-password-2"));
                assertThat(done.path("component").asString()).as(done.toString()).isEqualTo(FlowClient.REDIRECT);
                assertThat(signedIn(c)).isEqualTo("stale");
            }
            assertThat(changed(server, pk)).isAfter(before).isAfter(Instant.now().minusSeconds(60));
            assertThat(signIn(server, "stale", "stale-password-1")).as("the old password").isFalse();
            try (FlowClient c = new FlowClient(server.base())) {
                assertThat(c.run(AUTH, null, "stale", "stale-password-2").path("component").asString())
                        .as("the new password, not asked again").isEqualTo(FlowClient.REDIRECT);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void denyOnlyRefusesTheSignInWithItsMessage(String kind, Supplier<TestServer> start) {
        try (TestServer server = start.get()) {
            JsonNode policy = expect(server.send("POST", "/api/v3/policies/password_expiry/", ADMIN,
                    obj("name", "expired-means-no", "days", 10, "deny_only", true)), 201);
            assertThat(policy.get("deny_only").asBoolean()).isTrue();
            user(server, "recent", "recent-password-1", Duration.ofDays(9));
            long pk = user(server, "old", "old-password-1", Duration.ofDays(11));
            Instant before = changed(server, pk);

            // Signed in before the policy was bound: the user settings flow, its stage checked when planned, refuses.
            try (FlowClient settings = new FlowClient(server.base())) {
                assertThat(settings.run(AUTH, null, "old", "old-password-1").path("component").asString())
                        .isEqualTo(FlowClient.REDIRECT);
                String flow = expect(server.get("/api/v3/flows/instances/default-user-settings-flow/", ADMIN), 200)
                        .get("pk").asString();
                String binding = expect(server.get("/api/v3/flows/bindings/?target=" + flow, ADMIN), 200)
                        .get("results").get(0).get("pk").asString();
                expect(server.send("PATCH", "/api/v3/flows/bindings/" + binding + "/", ADMIN,
                        obj("evaluate_on_plan", true, "re_evaluate_policies", false)), 200);
                expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", binding,
                        "policy", policy.get("pk").asString(), "order", 0)), 201);
                JsonNode refused = settings.current("default-user-settings-flow", null);
                assertThat(refused.path("component").asString()).as(refused.toString()).isEqualTo(FlowClient.ACCESS_DENIED);
                assertThat(refused.path("error_message").asString()).isEqualTo("Password has expired.");
            }

            expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", userLoginBinding(server),
                    "policy", policy.get("pk").asString(), "order", 0)), 201);
            assertThat(signIn(server, "recent", "recent-password-1")).isTrue();
            try (FlowClient c = new FlowClient(server.base())) {
                JsonNode denied = c.run(AUTH, null, "old", "old-password-1");
                assertThat(denied.path("component").asString()).as(denied.toString()).isEqualTo(FlowClient.ACCESS_DENIED);
                assertThat(denied.path("error_message").asString()).isEqualTo("Password has expired.");
                assertThat(signedIn(c)).isNull();
            }
            assertThat(changed(server, pk)).as("the policy wrote nothing").isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void boundBeforeThePasswordItDeniesRatherThanLetAnyoneSetOne(String kind, Supplier<TestServer> start) {
        try (TestServer server = start.get()) {
            JsonNode policy = expect(server.send("POST", "/api/v3/policies/password_expiry/", ADMIN,
                    obj("name", "too-early", "days", 30)), 201);
            String flow = expect(server.get("/api/v3/flows/instances/" + AUTH + "/", ADMIN), 200).get("pk").asString();
            String passwordBinding = null;
            for (JsonNode b : expect(server.get("/api/v3/flows/bindings/?target=" + flow, ADMIN), 200).get("results")) {
                if (b.path("order").asInt() == 20) {
                    passwordBinding = b.get("pk").asString();
                }
            }
            expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", passwordBinding,
                    "policy", policy.get("pk").asString(), "order", 0)), 201);
            long pk = user(server, "target", "target-password-1", Duration.ofDays(35).plusHours(1));
            Instant before = changed(server, pk);
            try (FlowClient c = new FlowClient(server.base())) {
                JsonNode step = c.run(AUTH, null, "target", "not-the-password");
                assertThat(step.path("component").asString()).as(step.toString()).isEqualTo(FlowClient.ACCESS_DENIED);
                assertThat(step.path("error_message").asString())
                        .isEqualTo("Password expired 5 days ago. Please update your password.");
                assertThat(signedIn(c)).isNull();
            }
            assertThat(changed(server, pk)).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theApiValidatesDays(String kind, Supplier<TestServer> start) {
        try (TestServer server = start.get()) {
            JsonNode zero = expect(server.send("POST", "/api/v3/policies/password_expiry/", ADMIN,
                    obj("name", "zero", "days", 0)), 400);
            assertThat(zero.has("days")).as(zero.toString()).isTrue();
            JsonNode missing = expect(server.send("POST", "/api/v3/policies/password_expiry/", ADMIN,
                    obj("name", "missing")), 400);
            assertThat(missing.has("days")).as(missing.toString()).isTrue();
            JsonNode created = expect(server.send("POST", "/api/v3/policies/password_expiry/", ADMIN,
                    obj("name", "ok", "days", 1)), 201);
            assertThat(created.get("meta_model_name").asString()).isEqualTo("authentik_policies_expiry.passwordexpirypolicy");
            expect(server.send("PATCH", "/api/v3/policies/password_expiry/" + created.get("pk").asString() + "/", ADMIN,
                    obj("days", -3)), 400);
            expect(server.send("PATCH", "/api/v3/policies/password_expiry/" + created.get("pk").asString() + "/", ADMIN,
                    obj("days", 90, "deny_only", true)), 200);
        }
    }

    private static Map<String, Object> change(String password, String repeat) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("component", "ak-stage-prompt");
        a.put("password", password);
        a.put("password_repeat", repeat);
        return a;
    }
}
