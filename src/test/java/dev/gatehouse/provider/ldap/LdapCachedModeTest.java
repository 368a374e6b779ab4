package dev.gatehouse.provider.ldap;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.provider.ldap.LdapKit.userDn;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Cached bind and search modes with two processes on one PostgreSQL: what one changes (a new user, a deactivation,
 * a deleted session) reaches the other's in-memory directory and remembered binds at once, through the ChangeFeed.
 */
class LdapCachedModeTest {
    private static TestServer a;
    private static TestServer b;
    private static LdapKit kitA;
    private static LdapKit kitB;

    @BeforeAll
    static void start() {
        String db = TestDatabases.newPostgresDatabase();
        Map<String, String> pg = Map.of("postgresql.host", "localhost", "postgresql.port",
                String.valueOf(TestDatabases.postgresPort()), "postgresql.name", db, "postgresql.user", "postgres",
                "postgresql.password", "postgres", "secret_key", "test-secret");
        a = TestServer.start(pg);
        b = TestServer.start(pg);
        kitA = new LdapKit(a);
        kitB = new LdapKit(b);
        kitA.user("alice", "alice-password-1");
        kitA.provider("cached-app", "bind_mode", "cached", "search_mode", "cached");
        for (TestServer s : List.of(a, b)) {
            Eventually.within(Duration.ofSeconds(10), "LDAP listening", () -> s.gatehouse().ldapPort() != 0);
        }
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    private static LDAPConnection bound(TestServer s, String user, String password) throws LDAPException {
        LDAPConnection c = new LDAPConnection("127.0.0.1", s.gatehouse().ldapPort());
        c.bind(userDn(user), password);
        return c;
    }

    private static int sessions(TestServer s, long user) {
        return expect(s.get("/api/v3/core/authenticated_sessions/?user=" + user, ADMIN), 200).get("results").size();
    }

    private static ResultCode search(LDAPConnection c, String dn) {
        return LdapKit.search(c, dn);
    }

    @Test
    void aUserCreatedByTheOtherProcessAppearsInTheCachedDirectory() throws Exception {
        long bob = kitA.user("bob", "bob-password-1");
        kitA.patchUser(bob, Map.of("name", "Bob"));
        try (LDAPConnection c = bound(a, "alice", "alice-password-1")) {
            // alice has no full-directory right: grant it to her through the other process, then add a user there.
            JsonNode p = expect(b.get("/api/v3/providers/ldap/?name=cached-app", ADMIN), 200).get("results").get(0);
            long alicePk = expect(b.get("/api/v3/core/users/?username=alice", ADMIN), 200).get("results").get(0)
                    .get("pk").asLong();
            expect(b.send("PATCH", "/api/v3/providers/ldap/" + p.get("pk").asLong() + "/", ADMIN,
                    dev.gatehouse.api.ApiTestSupport.obj("search_full_directory_users", List.of(alicePk))), 200);
            try (LDAPConnection again = bound(a, "alice", "alice-password-1")) {
                assertThat(again.getEntry(userDn("bob"))).isNotNull();
                kitB.user("dave", "dave-password-1");
                Eventually.within(Duration.ofSeconds(10), "dave in process a's cached directory", () -> {
                    try {
                        return again.getEntry(userDn("dave")) != null;
                    } catch (LDAPException e) {
                        return false;
                    }
                });
            }
        }
    }

    @Test
    void aLockdownThroughTheOtherProcessRefusesTheBoundConnectionAndTheRememberedBindAtOnce() throws Exception {
        long erin = kitA.user("erin", "erin-password-1");
        try (LDAPConnection bound = bound(a, "erin", "erin-password-1")) {
            bound(a, "erin", "erin-password-1").close();
            assertThat(search(bound, userDn("erin"))).isEqualTo(ResultCode.SUCCESS);

            assertThat(b.send("POST", "/api/v3/core/users/" + erin + "/lockdown/", ADMIN,
                    dev.gatehouse.api.ApiTestSupport.obj("reason", "ldap")).statusCode()).isEqualTo(204);

            Eventually.within(Duration.ofSeconds(1), "the bound connection refused within a second",
                    () -> search(bound, userDn("erin")) == ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
            try {
                bound(a, "erin", "erin-password-1").close();
                throw new AssertionError("a locked-down user's remembered bind must not succeed");
            } catch (LDAPException e) {
                assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            }
        }
    }

    @Test
    void aCachedBindIsRememberedUntilItsSessionIsDeletedOrTheUserDeactivated() throws Exception {
        long carol = kitA.user("carol", "carol-password-1");
        try (LDAPConnection first = bound(a, "carol", "carol-password-1")) {
            bound(a, "carol", "carol-password-1").close();
            assertThat(sessions(a, carol)).as("the second bind reused the first one's session").isEqualTo(1);
            assertThat(search(first, userDn("carol"))).isEqualTo(ResultCode.SUCCESS);

            // The session is deleted through the other process: the bound connection is refused at once.
            String session = expect(b.get("/api/v3/core/authenticated_sessions/?user=" + carol, ADMIN), 200)
                    .get("results").get(0).get("uuid").asString();
            expect(b.send("DELETE", "/api/v3/core/authenticated_sessions/" + session + "/", ADMIN, null), 204);
            Eventually.within(Duration.ofSeconds(10), "the bound connection refused",
                    () -> search(first, userDn("carol")) == ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
        }
        try (LDAPConnection second = bound(a, "carol", "carol-password-1")) {
            assertThat(sessions(a, carol)).as("a new bind runs the flow and starts a new session").isEqualTo(1);
            kitB.patchUser(carol, Map.of("is_active", false));
            Eventually.within(Duration.ofSeconds(10), "the deactivated user's connection refused",
                    () -> search(second, userDn("carol")) == ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
            try {
                bound(a, "carol", "carol-password-1").close();
                throw new AssertionError("a deactivated user's remembered bind must not succeed");
            } catch (LDAPException e) {
                assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            }
        }
    }
}
