package dev.gatehouse.policy.expression;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.geoip.TestGeoDatabases;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Seed 000's two expression policies, pasted into the API as printed (line breaks restored), bound to the
 * authentication flow as the seed says, and tried with real sign-ins on H2 and PostgreSQL: the Geo-IP rule with a
 * real GeoIP database (written at test time with MaxMind's writer), the browser rule with real User-Agent strings.
 */
class SeedPoliciesLoginTest {
    private static final String FIREFOX_LINUX =
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final String FIREFOX_WINDOWS =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

    @TempDir
    Path dir;

    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of("h2", (Function<Map<String, String>, TestServer>) TestServer::start),
                Arguments.of("postgresql", (Function<Map<String, String>, TestServer>) c -> {
                    Map<String, String> pg = new HashMap<>(c);
                    pg.put("postgresql.host", "localhost");
                    pg.put("postgresql.port", String.valueOf(TestDatabases.postgresPort()));
                    pg.put("postgresql.name", TestDatabases.newPostgresDatabase());
                    pg.put("postgresql.user", "postgres");
                    pg.put("postgresql.password", "postgres");
                    pg.put("secret_key", "test-secret");
                    return TestServer.start(pg);
                }));
    }

    static String seedSnippet(String name) {
        try (InputStream in = SeedPoliciesLoginTest.class.getResourceAsStream("/seeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An expression policy with the seed's text, bound to the authentication flow ("Main-Flow"). */
    private static void bindToTheAuthenticationFlow(TestServer server, String name, String expression) {
        JsonNode policy = expect(server.send("POST", "/api/v3/policies/expression/", ADMIN, obj("name", name,
                "expression", expression)), 201);
        assertThat(policy.get("expression").asString()).isEqualTo(expression);
        String flow = expect(server.get("/api/v3/flows/instances/" + DefaultFlows.AUTHENTICATION + "/", ADMIN), 200)
                .get("pk").asString();
        expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", flow,
                "policy", policy.get("pk").asString(), "order", 0)), 201);
    }

    private static void user(TestServer server) {
        long pk = ApiTestSupport.createUser(server, "heidi");
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN,
                obj("password", "heidi-password-1")), 204);
    }

    /** The authentication flow's last step for a browser coming from {@code ip} with {@code userAgent}. */
    private static JsonNode signIn(TestServer server, String ip, String userAgent) {
        try (FlowClient c = new FlowClient(server.base()).forwardedFor(ip).userAgent(userAgent)) {
            JsonNode last = c.run(DefaultFlows.AUTHENTICATION, null, "heidi", "heidi-password-1");
            if (last.path("component").asString().equals(FlowClient.REDIRECT)) {
                var me = c.get("/api/v3/core/users/me/");
                assertThat(c.parse(me).path("user").path("username").asString()).isEqualTo("heidi");
            }
            return last;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theGeoIpRuleLetsInTheLocalNetworkAndSwitzerlandOnly(String kind,
                                                              Function<Map<String, String>, TestServer> start) {
        Map<String, String> geo = Map.of("events.context_processors.geoip", TestGeoDatabases.city(dir).toString(),
                "events.context_processors.asn", TestGeoDatabases.asn(dir).toString());
        assertThat(TestGeoDatabases.mmdblookup(TestGeoDatabases.city(dir), TestGeoDatabases.BERN, "country",
                "iso_code")).contains("\"CH\"");
        try (TestServer server = start.apply(geo)) {
            user(server);
            bindToTheAuthenticationFlow(server, "Geo-IP: Switzerland and local network", seedSnippet("geoip_policy.py"));

            assertThat(signIn(server, "192.168.1.23", FIREFOX_LINUX).path("component").asString())
                    .as("the local network").isEqualTo(FlowClient.REDIRECT);
            assertThat(signIn(server, TestGeoDatabases.BERN, FIREFOX_LINUX).path("component").asString())
                    .as("an address in Switzerland").isEqualTo(FlowClient.REDIRECT);
            for (String elsewhere : new String[] {TestGeoDatabases.BERLIN, TestGeoDatabases.NEW_YORK,
                    TestGeoDatabases.UNKNOWN, "10.1.2.3"}) {
                JsonNode denied = signIn(server, elsewhere, FIREFOX_LINUX);
                assertThat(denied.path("component").asString()).as(elsewhere).isEqualTo(FlowClient.ACCESS_DENIED);
                assertThat(denied.path("error_message").asString()).as(elsewhere)
                        .contains("Access denied from your current location.");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theBrowserRuleLetsInFirefoxOnLinuxOnly(String kind, Function<Map<String, String>, TestServer> start) {
        try (TestServer server = start.apply(Map.of())) {
            user(server);
            bindToTheAuthenticationFlow(server, "Family browser", seedSnippet("user_agent_policy.py"));

            assertThat(signIn(server, "192.168.1.23", FIREFOX_LINUX).path("component").asString())
                    .isEqualTo(FlowClient.REDIRECT);
            for (String other : new String[] {CHROME_WINDOWS, FIREFOX_WINDOWS, "curl/8.5.0"}) {
                JsonNode denied = signIn(server, "192.168.1.23", other);
                assertThat(denied.path("component").asString()).as(other).isEqualTo(FlowClient.ACCESS_DENIED);
                assertThat(denied.path("error_message").asString()).as(other)
                        .contains("Please use the approved family browser configuration for this service.");
            }
        }
    }
}
