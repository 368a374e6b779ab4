package dev.gatehouse.provider.ldap;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.provider.ldap.LdapKit.userDn;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 §4: a password set by an admin ends the user's LDAP sign-ins in cached bind mode: the connection bound
 * with the old password is refused at its next search, and the remembered bind no longer lets the old password in.
 */
class LdapPasswordChangeTest {
    private static TestServer server;
    private static LdapKit kit;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        kit = new LdapKit(server);
        kit.provider("pw-cached-app", "bind_mode", "cached", "search_mode", "cached");
        Eventually.within(Duration.ofSeconds(10), "LDAP listening", () -> server.gatehouse().ldapPort() != 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdminSetPasswordEndsTheBoundConnectionAndTheRememberedBind() throws Exception {
        long erin = kit.user("erin", "erin-password-1");
        try (LDAPConnection bound = new LDAPConnection("127.0.0.1", server.gatehouse().ldapPort())) {
            bound.bind(userDn("erin"), "erin-password-1");
            assertThat(kit.bind("erin", "erin-password-1")).as("remembered").isEqualTo(ResultCode.SUCCESS);
            assertThat(LdapKit.search(bound, userDn("erin"))).isEqualTo(ResultCode.SUCCESS);

            expect(server.send("POST", "/api/v3/core/users/" + erin + "/set_password/", ADMIN,
                    obj("password", "erin-password-2")), 204);

            assertThat(LdapKit.search(bound, userDn("erin"))).as("the connection bound with the old password")
                    .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
            assertThat(kit.bind("erin", "erin-password-1")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            assertThat(kit.bind("erin", "erin-password-2")).isEqualTo(ResultCode.SUCCESS);
        }
    }
}
