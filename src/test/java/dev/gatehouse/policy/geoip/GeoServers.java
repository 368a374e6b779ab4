package dev.gatehouse.policy.geoip;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.geoip.TestGeoDatabases;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.testing.TestServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import tools.jackson.databind.JsonNode;

/**
 * Servers for the GeoIP login tests, on H2 and PostgreSQL, configured with the test City and ASN databases through
 * {@code events.context_processors.geoip} / {@code asn}; and sign-ins whose client IP comes from X-Forwarded-For
 * (the server trusts loopback as a proxy by default).
 */
final class GeoServers {
    static final String AUTH = DefaultFlows.AUTHENTICATION;

    private GeoServers() {
    }

    /** (name, start) where start takes the directory the databases are written to. */
    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of("h2", (Function<Path, TestServer>) dir -> TestServer.start(geo(dir))),
                Arguments.of("postgresql", (Function<Path, TestServer>) dir -> {
                    Map<String, String> c = geo(dir);
                    c.put("postgresql.host", "localhost");
                    c.put("postgresql.port", String.valueOf(TestDatabases.postgresPort()));
                    c.put("postgresql.name", TestDatabases.newPostgresDatabase());
                    c.put("postgresql.user", "postgres");
                    c.put("postgresql.password", "postgres");
                    c.put("secret_key", "test-secret");
                    return TestServer.start(c);
                }));
    }

    static Map<String, String> geo(Path dir) {
        Map<String, String> c = new HashMap<>();
        c.put("events.context_processors.geoip", TestGeoDatabases.city(dir).toString());
        c.put("events.context_processors.asn", TestGeoDatabases.asn(dir).toString());
        return c;
    }

    /** A user with a password. */
    static void user(TestServer server, String username, String password) {
        long pk = ApiTestSupport.createUser(server, username);
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN, obj("password", password)), 204);
    }

    /** Runs the authentication flow from {@code ip}; the last step (a redirect, or the access-denied challenge). */
    static JsonNode run(TestServer server, String ip, String username, String password) {
        try (FlowClient c = new FlowClient(server.base()).forwardedFor(ip)) {
            return c.run(AUTH, null, username, password);
        }
    }

    /** Whether the authentication flow from {@code ip} ends with the user signed in. */
    static boolean signsIn(TestServer server, String ip, String username, String password) {
        try (FlowClient c = new FlowClient(server.base()).forwardedFor(ip)) {
            JsonNode last = c.run(AUTH, null, username, password);
            if (!last.path("component").asString().equals(FlowClient.REDIRECT)) {
                return false;
            }
            var me = c.get("/api/v3/core/users/me/");
            return me.statusCode() == 200 && c.parse(me).path("user").path("username").asString().equals(username);
        }
    }

    static String authFlowPk(TestServer server) {
        return expect(server.get("/api/v3/flows/instances/" + AUTH + "/", ADMIN), 200).get("pk").asString();
    }

    /** Binds a policy to a target (a flow, or a flow's stage binding). */
    static String bind(TestServer server, String target, String policy) {
        return expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", target, "policy", policy,
                "order", 0)), 201).get("pk").asString();
    }

    /** The login events of a user, newest first. */
    static JsonNode logins(TestServer server, String username) {
        return expect(server.get("/api/v3/events/events/?action=login&username=" + username + "&ordering=-created",
                ADMIN), 200).get("results");
    }
}
