package dev.gatehouse.policy.geoip;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.geoip.TestGeoDatabases.BERLIN;
import static dev.gatehouse.geoip.TestGeoDatabases.BERN;
import static dev.gatehouse.geoip.TestGeoDatabases.NEW_YORK;
import static dev.gatehouse.geoip.TestGeoDatabases.UNKNOWN;
import static dev.gatehouse.policy.geoip.GeoServers.bind;
import static dev.gatehouse.policy.geoip.GeoServers.run;
import static dev.gatehouse.policy.geoip.GeoServers.signsIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Through real sign-ins on H2 and PostgreSQL, with real test databases configured and the client IP from
 * X-Forwarded-For: a CEL expression policy reading {@code context.geoip.country}, and a GeoIP policy by countries
 * and ASNs bound to the authentication flow; login events carry {@code geo} and {@code asn}.
 */
class GeoIpLoginTest {
    @TempDir
    Path dir;

    static Stream<Arguments> servers() {
        return GeoServers.servers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void celExpressionReadsContextGeoipAndLoginEventsCarryGeoAndAsn(String kind, Function<Path, TestServer> start) {
        try (TestServer server = start.apply(dir)) {
            GeoServers.user(server, "erin", "erin-password-1");
            String policy = expect(server.send("POST", "/api/v3/policies/expression/", ADMIN, obj("name", "only-ch",
                    "expression", "context.geoip.country == \"CH\" && context.asn.asn == 13030")), 201)
                    .get("pk").asString();
            bind(server, GeoServers.authFlowPk(server), policy);

            assertThat(signsIn(server, BERN, "erin", "erin-password-1")).as("from Bern").isTrue();
            assertThat(signsIn(server, BERLIN, "erin", "erin-password-1")).as("from Berlin").isFalse();
            assertThat(signsIn(server, UNKNOWN, "erin", "erin-password-1")).as("from an unknown address").isFalse();

            JsonNode logins = GeoServers.logins(server, "erin");
            assertThat(logins).hasSize(1);
            JsonNode login = logins.get(0);
            assertThat(login.get("client_ip").asString()).isEqualTo(BERN);
            JsonNode geo = login.get("context").get("geo");
            assertThat(geo.get("country").asString()).isEqualTo("CH");
            assertThat(geo.get("continent").asString()).isEqualTo("EU");
            assertThat(geo.get("city").asString()).isEqualTo("Bern");
            assertThat(geo.get("lat").asDouble()).isEqualTo(46.9481);
            assertThat(geo.get("long").asDouble()).isEqualTo(7.4474);
            JsonNode asn = login.get("context").get("asn");
            assertThat(asn.get("asn").asLong()).isEqualTo(13030);
            assertThat(asn.get("as_org").asString()).isEqualTo("Init7 (Switzerland) Ltd.");
            assertThat(asn.get("network").asString()).isEqualTo("203.0.113.0/24");

            JsonNode created = expect(server.get("/api/v3/events/events/?action=model_created&ordering=-created",
                    ADMIN), 200).get("results").get(0);
            assertThat(created.get("context").has("geo")).as("the API client is on loopback: no geo").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void geoIpPolicyPassesOnAnAllowedCountryOrAsnAndFailsOnUnknownAddresses(String kind,
                                                                            Function<Path, TestServer> start) {
        try (TestServer server = start.apply(dir)) {
            GeoServers.user(server, "erin", "erin-password-1");
            JsonNode policy = expect(server.send("POST", "/api/v3/policies/geoip/", ADMIN, obj("name", "ch-or-telekom",
                    "countries", java.util.List.of("CH"), "asns", java.util.List.of(3320))), 201);
            assertThat(policy.get("countries").get(0).asString()).isEqualTo("CH");
            assertThat(policy.get("asns").get(0).asInt()).isEqualTo(3320);
            assertThat(policy.get("history_max_distance_km").asLong()).isEqualTo(100);
            assertThat(policy.get("distance_tolerance_km").asInt()).isEqualTo(50);
            assertThat(policy.get("history_login_count").asInt()).isEqualTo(5);
            assertThat(policy.get("impossible_tolerance_km").asInt()).isEqualTo(100);
            assertThat(policy.get("component").asString()).isEqualTo("ak-policy-geoip-form");
            bind(server, GeoServers.authFlowPk(server), policy.get("pk").asString());

            assertThat(signsIn(server, BERN, "erin", "erin-password-1")).as("Switzerland").isTrue();
            assertThat(signsIn(server, BERLIN, "erin", "erin-password-1")).as("AS3320").isTrue();
            JsonNode denied = run(server, NEW_YORK, "erin", "erin-password-1");
            assertThat(denied.path("component").asString()).isEqualTo(FlowClient.ACCESS_DENIED);
            assertThat(denied.path("error_message").asString())
                    .contains("Client IP is not part of an allowed autonomous system.")
                    .contains("Client IP is not in an allowed country.");

            JsonNode unknown = run(server, UNKNOWN, "erin", "erin-password-1");
            assertThat(unknown.path("component").asString()).isEqualTo(FlowClient.ACCESS_DENIED);
            assertThat(unknown.path("error_message").asString()).contains("GeoIP: client IP not found in ASN database.");
            JsonNode exception = expect(server.get("/api/v3/events/events/?action=policy_exception", ADMIN), 200)
                    .get("results").get(0);
            assertThat(exception.get("context").get("message").asString())
                    .isEqualTo("GeoIP: client IP not found in ASN database.");
            assertThat(exception.get("client_ip").asString()).isEqualTo(UNKNOWN);
        }
    }
}
