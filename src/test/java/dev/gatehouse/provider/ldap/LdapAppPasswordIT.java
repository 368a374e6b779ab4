package dev.gatehouse.provider.ldap;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.provider.ldap.LdapKit.userDn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.stage.password.PasswordStageType;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.web.SessionCookies;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * App passwords at the default password stage (its TokenBackend): ldapwhoami binds with one, and no longer once
 * it is deleted, expired, or TokenBackend is removed from the stage; a web sign-in through the flow executor API
 * takes one too.
 */
class LdapAppPasswordIT {
    private static final String STAGE = "default-authentication-password";
    private static TestServer server;
    private static long carol;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        LdapKit kit = new LdapKit(server);
        carol = kit.user("carol", "carol-account-password");
        kit.user("dave", "dave-account-password");
        kit.provider("ldap-app-passwords");
        Eventually.within(Duration.ofSeconds(10), "LDAP listening", () -> server.gatehouse().ldapPort() != 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Run(int exit, String out) {
    }

    /** {@code ldapwhoami -x} (OpenLDAP's client) as {@code cn=<user>} with {@code password}. */
    static Run whoami(String user, String password) throws Exception {
        Process p = new ProcessBuilder("ldapwhoami", "-x", "-H", "ldap://127.0.0.1:" + server.gatehouse().ldapPort(),
                "-D", userDn(user), "-w", password).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    static void assertBinds(String user, String password) throws Exception {
        Run r = whoami(user, password);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("dn:" + userDn(user));
    }

    static void assertRefused(String user, String password) throws Exception {
        Run r = whoami(user, password);
        assertThat(r.exit()).as(r.out()).isEqualTo(49);
        assertThat(r.out()).contains("Invalid credentials (49)");
    }

    static String appPassword(String identifier, long user) {
        return ApiTestSupport.createToken(server, identifier, "app_password", user);
    }

    static String stagePk() {
        JsonNode list = expect(server.get("/api/v3/stages/password/?name=" + STAGE, ADMIN), 200);
        return list.get("results").get(0).get("pk").asString();
    }

    static void backends(List<String> backends) {
        expect(server.send("PATCH", "/api/v3/stages/password/" + stagePk() + "/", ADMIN, obj("backends", backends)), 200);
    }

    @Test
    void anAppPasswordBindsUntilItIsDeleted() throws Exception {
        String key = appPassword("carol-ldap", carol);
        assertBinds("carol", key);
        assertBinds("carol", "carol-account-password");
        assertRefused("dave", key);
        expect(server.send("DELETE", "/api/v3/core/tokens/carol-ldap/", ADMIN, null), 204);
        assertRefused("carol", key);
    }

    @Test
    void anExpiredAppPasswordDoesNotBind() throws Exception {
        String key = appPassword("carol-expiring", carol);
        assertBinds("carol", key);
        expect(server.send("PATCH", "/api/v3/core/tokens/carol-expiring/", ADMIN,
                obj("expiring", true, "expires", "2020-01-01T00:00:00Z")), 200);
        assertRefused("carol", key);
    }

    @Test
    void withoutTokenBackendOnTheStageAnAppPasswordDoesNotBind() throws Exception {
        String key = appPassword("carol-no-backend", carol);
        assertBinds("carol", key);
        backends(List.of(PasswordStageType.INBUILT));
        try {
            assertRefused("carol", key);
            assertBinds("carol", "carol-account-password");
        } finally {
            backends(PasswordStageType.DEFAULT_BACKENDS);
        }
        assertBinds("carol", key);
    }

    @Test
    void aWebSignInThroughTheFlowExecutorTakesAnAppPassword() {
        String key = appPassword("carol-web", carol);
        try (FlowClient web = new FlowClient(server.base())) {
            JsonNode end = web.run(DefaultFlows.AUTHENTICATION, null, "carol", key);
            assertThat(end.get("component").asString()).as("%s", end).isEqualTo(FlowClient.REDIRECT);
            assertThat(web.cookie(SessionCookies.SESSION)).isPresent();
            JsonNode me = ApiTestSupport.JSON.readTree(web.get("/api/v3/core/users/me/").body());
            assertThat(me.get("user").get("username").asString()).isEqualTo("carol");
        }
        try (FlowClient web = new FlowClient(server.base())) {
            JsonNode end = web.run(DefaultFlows.AUTHENTICATION, null, "carol", key + "x");
            assertThat(end.get("component").asString()).as("%s", end).isEqualTo(FlowClient.PASSWORD);
        }
    }
}
