package dev.gatehouse.policy.reputation;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.InetAddress;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Through real sign-ins on H2 and PostgreSQL: a reputation policy bound negated to the authentication flow (as
 * authentik's policy passes on a bad reputation) shuts out an address after failed passwords, even with the right
 * password, while another address signs in and raises its score; deleting the score through the API lets the
 * address in again. Addresses are 127.0.0.x (Linux routes 127/8 to loopback).
 */
class ReputationLoginTest {
    private static final String AUTH = DefaultFlows.AUTHENTICATION;
    private static final InetAddress BAD = InetAddress.ofLiteral("127.0.0.3");
    private static final InetAddress GOOD = InetAddress.ofLiteral("127.0.0.4");

    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of("h2", (Supplier<TestServer>) TestServer::start),
                Arguments.of("postgresql", (Supplier<TestServer>) TestServer::startOnPostgres));
    }

    private static boolean signIn(TestServer server, InetAddress from, String username, String password) {
        try (FlowClient c = new FlowClient(server.base(), from)) {
            return c.run(AUTH, null, username, password).path("component").asString().equals(FlowClient.REDIRECT);
        }
    }

    private static JsonNode scores(TestServer server, String filter) {
        return expect(server.get("/api/v3/policies/reputation/scores/?" + filter, ADMIN), 200).get("results");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void failedPasswordsShutAnAddressOutUntilItsScoreIsDeleted(String kind, Supplier<TestServer> start) {
        try (TestServer server = start.get()) {
            long pk = ApiTestSupport.createUser(server, "erin");
            expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN,
                    obj("password", "erin-password-1")), 204);
            JsonNode policy = expect(server.send("POST", "/api/v3/policies/reputation/", ADMIN, obj("name", "bad-ip",
                    "check_ip", true, "check_username", false, "threshold", -3)), 201);
            assertThat(policy.get("check_ip").asBoolean()).isTrue();
            assertThat(policy.get("threshold").asInt()).isEqualTo(-3);
            String flow = expect(server.get("/api/v3/flows/instances/" + AUTH + "/", ADMIN), 200).get("pk").asString();
            expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", flow,
                    "policy", policy.get("pk").asString(), "negate", true, "order", 0)), 201);

            assertThat(signIn(server, BAD, "erin", "erin-password-1")).as("a clean address signs in").isTrue();
            JsonNode raised = scores(server, "identifier=erin&ip=127.0.0.3");
            assertThat(raised).hasSize(1);
            assertThat(raised.get(0).get("score").asLong()).as("a sign-in raises the score").isEqualTo(1);
            assertThat(raised.get(0).get("ip").asString()).isEqualTo("127.0.0.3");

            for (int i = 0; i < 4; i++) {
                assertThat(signIn(server, BAD, "erin", "wrong-" + i)).isFalse();
            }
            JsonNode lowered = scores(server, "ip=127.0.0.3");
            assertThat(lowered.get(0).get("score").asLong()).isEqualTo(-3);
            assertThat(signIn(server, BAD, "erin", "erin-password-1"))
                    .as("the right password from the shut-out address").isFalse();
            assertThat(signIn(server, GOOD, "erin", "erin-password-1")).as("another address").isTrue();
            assertThat(scores(server, "ip=127.0.0.4").get(0).get("score").asLong()).isEqualTo(1);

            String uuid = lowered.get(0).get("pk").asString();
            expect(server.send("DELETE", "/api/v3/policies/reputation/scores/" + uuid + "/", ADMIN, null), 204);
            expect(server.get("/api/v3/policies/reputation/scores/" + uuid + "/", ADMIN), 404);
            assertThat(scores(server, "ip=127.0.0.3")).isEmpty();
            assertThat(signIn(server, BAD, "erin", "erin-password-1")).as("after the score is deleted").isTrue();
        }
    }
}
