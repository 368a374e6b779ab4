package dev.gatehouse.policy.event_matcher;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * An event matcher policy on a notification rule, fed by real sign-ins on H2 and PostgreSQL: a failed sign-in
 * notifies the rule's group; a successful one does not match and notifies nobody.
 */
class EventMatcherLoginTest {
    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of("h2", (Supplier<TestServer>) TestServer::start),
                Arguments.of("postgresql", (Supplier<TestServer>) TestServer::startOnPostgres));
    }

    private static JsonNode notifications(TestServer server) {
        return expect(server.get("/api/v3/events/notifications/?ordering=-created", ADMIN), 200).get("results");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aFailedSignInNotifiesTheRulesGroupAndASuccessfulOneDoesNot(String kind, Supplier<TestServer> start) {
        try (TestServer server = start.get()) {
            long erin = ApiTestSupport.createUser(server, "erin");
            expect(server.send("POST", "/api/v3/core/users/" + erin + "/set_password/", ADMIN,
                    obj("password", "erin-password-1")), 204);
            long admin = expect(server.get("/api/v3/core/users/?username=akadmin", ADMIN), 200).get("results").get(0)
                    .get("pk").asLong();
            String ops = expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "ops",
                    "users", List.of(admin))), 201).get("pk").asString();
            String transport = expect(server.send("POST", "/api/v3/events/transports/", ADMIN, obj("name", "inbox",
                    "mode", "local")), 201).get("pk").asString();
            String rule = expect(server.send("POST", "/api/v3/events/rules/", ADMIN, obj("name", "failed sign-ins",
                    "transports", List.of(transport), "severity", "warning", "destination_group", ops)), 201)
                    .get("pk").asString();
            String policy = expect(server.send("POST", "/api/v3/policies/event_matcher/", ADMIN, obj("name",
                    "failed sign-in", "action", "login_failed")), 201).get("pk").asString();
            expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", rule, "policy", policy,
                    "order", 0)), 201);
            int before = notifications(server).size();

            try (FlowClient c = new FlowClient(server.base())) {
                assertThat(c.run(DefaultFlows.AUTHENTICATION, null, "erin", "erin-password-1").path("component")
                        .asString()).isEqualTo(FlowClient.REDIRECT);
            }
            try (FlowClient c = new FlowClient(server.base())) {
                assertThat(c.run(DefaultFlows.AUTHENTICATION, null, "erin", "not-her-password").path("component")
                        .asString()).isNotEqualTo(FlowClient.REDIRECT);
            }
            Eventually.within(Duration.ofSeconds(15), "a notification for the failed sign-in",
                    () -> notifications(server).size() > before);
            JsonNode newest = notifications(server).get(0);
            assertThat(newest.get("severity").asString()).isEqualTo("warning");
            assertThat(newest.toString()).contains("login_failed").doesNotContain("\"action\":\"login\"");
            assertThat(notifications(server).size()).as("only the failed sign-in matched").isEqualTo(before + 1);
        }
    }
}
