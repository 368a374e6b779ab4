package dev.gatehouse.policy.geoip;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.geoip.TestGeoDatabases.BERLIN;
import static dev.gatehouse.geoip.TestGeoDatabases.BERN;
import static dev.gatehouse.geoip.TestGeoDatabases.NEW_YORK;
import static dev.gatehouse.policy.geoip.GeoServers.signsIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.CoreTables.Events;
import dev.gatehouse.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The GeoIP policy's history checks through real sign-ins on H2 and PostgreSQL. The policy is bound to the
 * authentication flow's login stage (re-evaluated for the pending user), so a failing check skips the login: the
 * flow ends without a session. The user's earlier logins (their {@code login} events' {@code geo}) come from earlier
 * sign-ins from other addresses; Bern–Berlin is about 750 km, Bern–New York about 6300 km.
 */
class GeoIpTravelLoginTest {
    private static final String PASSWORD = "erin-password-1";
    @TempDir
    Path dir;

    static Stream<Arguments> servers() {
        return GeoServers.servers();
    }

    /** Binds the policy to the login stage of the authentication flow, checked just before the stage runs. */
    private static void bindToLoginStage(TestServer server, String policy) {
        JsonNode bindings = expect(server.get("/api/v3/flows/bindings/?target=" + GeoServers.authFlowPk(server),
                ADMIN), 200).get("results");
        String login = null;
        for (JsonNode b : bindings) {
            if (b.get("order").asInt() == 100) {
                login = b.get("pk").asString();
            }
        }
        assertThat(login).as("the login stage binding").isNotNull();
        expect(server.send("PATCH", "/api/v3/flows/bindings/" + login + "/", ADMIN,
                obj("re_evaluate_policies", true, "evaluate_on_plan", false)), 200);
        GeoServers.bind(server, login, policy);
    }

    private static String policy(TestServer server, String json) {
        return expect(server.send("POST", "/api/v3/policies/geoip/", ADMIN, json), 201).get("pk").asString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aLoginFarFromThePreviousOnesIsRefused(String kind, Function<Path, TestServer> start) {
        try (TestServer server = start.apply(dir)) {
            GeoServers.user(server, "erin", PASSWORD);
            GeoServers.user(server, "finn", PASSWORD);
            bindToLoginStage(server, policy(server, obj("name", "near-home", "check_history_distance", true)));

            assertThat(signsIn(server, BERN, "erin", PASSWORD)).as("first login: no history").isTrue();
            assertThat(signsIn(server, BERLIN, "erin", PASSWORD)).as("750 km from Bern").isFalse();
            assertThat(signsIn(server, BERN, "erin", PASSWORD)).as("Bern again").isTrue();
            assertThat(signsIn(server, BERLIN, "finn", PASSWORD)).as("another user's history").isTrue();
            JsonNode logins = GeoServers.logins(server, "erin");
            assertThat(logins).hasSize(2);
            assertThat(logins.get(0).get("context").get("geo").get("city").asString()).isEqualTo("Bern");

            String near = expect(server.get("/api/v3/policies/geoip/?name=near-home", ADMIN), 200).get("results").get(0)
                    .get("pk").asString();
            expect(server.send("PATCH", "/api/v3/policies/geoip/" + near + "/", ADMIN,
                    obj("history_max_distance_km", 800, "distance_tolerance_km", 0)), 200);
            assertThat(signsIn(server, BERLIN, "erin", PASSWORD)).as("within 800 km").isTrue();
            assertThat(signsIn(server, NEW_YORK, "erin", PASSWORD)).as("6300 km").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void impossibleTravelDependsOnTheTimeSinceThePreviousLogins(String kind, Function<Path, TestServer> start) {
        try (TestServer server = start.apply(dir)) {
            GeoServers.user(server, "erin", PASSWORD);
            bindToLoginStage(server, policy(server, obj("name", "no-teleport", "check_impossible_travel", true)));

            assertThat(signsIn(server, BERN, "erin", PASSWORD)).isTrue();
            assertThat(signsIn(server, NEW_YORK, "erin", PASSWORD)).as("6300 km within the hour").isFalse();
            assertThat(signsIn(server, BERLIN, "erin", PASSWORD)).as("750 km < 1000 km + 100 km tolerance").isTrue();

            // The same logins, ten hours ago: 10 × 1000 km + 100 km can be travelled since.
            server.gatehouse().database().txRun(dsl -> {
                List<UUID> events = dsl.select(Events.UUID_).from(Events.T).where(Events.ACTION.eq("login"))
                        .and(Events.USERNAME.eq("erin")).fetch(Events.UUID_);
                for (UUID e : events) {
                    Instant created = dsl.select(Events.CREATED).from(Events.T).where(Events.UUID_.eq(e))
                            .fetchOne(Events.CREATED);
                    dsl.update(Events.T).set(Events.CREATED, created.minus(Duration.ofHours(10)))
                            .where(Events.UUID_.eq(e)).execute();
                }
            });
            assertThat(signsIn(server, NEW_YORK, "erin", PASSWORD)).as("6300 km in ten hours").isTrue();
            assertThat(signsIn(server, BERN, "erin", PASSWORD)).as("back to Bern within the hour").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theApiRefusesUnknownCountriesAndNegativeDistances(String kind, Function<Path, TestServer> start) {
        try (TestServer server = start.apply(dir)) {
            String path = "/api/v3/policies/geoip/";
            JsonNode country = expect(server.send("POST", path, ADMIN, obj("name", "x", "countries", List.of("CH", "XX"))),
                    400);
            assertThat(country.propertyNames()).containsExactly("countries");
            assertThat(country.get("countries").get(0).asString()).startsWith("\"XX\" is not a valid choice.");
            assertThat(expect(server.send("POST", path, ADMIN, obj("name", "x", "countries", List.of("ch"))), 400)
                    .propertyNames()).containsExactly("countries");
            JsonNode km = expect(server.send("POST", path, ADMIN, obj("name", "x", "history_max_distance_km", -1,
                    "impossible_tolerance_km", -5)), 400);
            assertThat(km.propertyNames()).containsExactlyInAnyOrder("history_max_distance_km", "impossible_tolerance_km");
            assertThat(km.get("history_max_distance_km").get(0).asString())
                    .isEqualTo("Ensure this value is greater than or equal to 0.");
            assertThat(expect(server.send("POST", path, ADMIN, obj("name", "x", "asns", List.of("AS13030"))), 400)
                    .propertyNames()).containsExactly("asns");
            assertThat(expect(server.send("POST", path, ADMIN, obj("name", "x", "distance_tolerance_km", -1,
                    "history_login_count", -1)), 400).propertyNames())
                    .containsExactlyInAnyOrder("distance_tolerance_km", "history_login_count");
            JsonNode ok = expect(server.send("POST", path, ADMIN, obj("name", "ok", "countries", List.of("CH", "DE"),
                    "asns", List.of(13030, 3320), "check_impossible_travel", true)), 201);
            assertThat(ok.get("meta_model_name").asString()).isEqualTo("authentik_policies_geoip.geoippolicy");
            assertThat(expect(server.get(path + ok.get("pk").asString() + "/", ADMIN), 200).get("countries").size())
                    .isEqualTo(2);
        }
    }
}
