package dev.gatehouse.provider.ldap;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code providers/ldap/} on H2 and PostgreSQL: defaults, every field written and read back, the embedded
 * outpost serving new providers (the listener starts), 400s naming the field and changing nothing, delete.
 */
class LdapProvidersApiTest {
    private static final String LDAP = "/api/v3/providers/ldap/";
    private static TestServer h2;
    private static TestServer postgres;

    @BeforeAll
    static void start() {
        h2 = TestServer.start();
        postgres = TestServer.startOnPostgres();
    }

    @AfterAll
    static void stop() {
        h2.close();
        postgres.close();
    }

    private static TestServer server(String kind) {
        return kind.equals("h2") ? h2 : postgres;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void createWithDefaultsChangeEveryFieldAndDelete(String kind) {
        TestServer server = server(kind);
        LdapKit kit = new LdapKit(server);
        String flow = kit.flowPk("default-authentication-flow");
        JsonNode p = expect(server.send("POST", LDAP, ADMIN, obj("name", "ldap " + kind, "authorization_flow", flow)), 201);
        long pk = p.get("pk").asLong();
        assertThat(p.get("base_dn").asString()).isEqualTo("DC=ldap,DC=goauthentik,DC=io");
        assertThat(p.get("bind_mode").asString()).isEqualTo("direct");
        assertThat(p.get("search_mode").asString()).isEqualTo("direct");
        assertThat(p.get("uid_start_number").asInt()).isEqualTo(2000);
        assertThat(p.get("gid_start_number").asInt()).isEqualTo(4000);
        assertThat(p.get("mfa_support").booleanValue()).isTrue();
        assertThat(p.get("certificate").isNull()).isTrue();
        assertThat(p.get("component").asString()).isEqualTo("ak-provider-ldap-form");
        assertThat(p.get("outpost_set")).hasSize(1);
        dev.gatehouse.testing.Eventually.within(java.time.Duration.ofSeconds(10), "the listener starts",
                () -> server.gatehouse().ldapPort() != 0);

        long user = kit.user("searcher-" + kind, "pw-" + kind);
        String group = kit.group("searchers-" + kind, List.of());
        String cert = expect(server.send("POST", "/api/v3/crypto/certificatekeypairs/generate/", ADMIN,
                obj("common_name", "ldap-" + kind, "validity_days", 30)), 200).get("pk").asString();
        JsonNode changed = expect(server.send("PATCH", LDAP + pk + "/", ADMIN, obj("base_dn", "dc=example,dc=org",
                "bind_mode", "cached", "search_mode", "cached", "uid_start_number", 10000, "gid_start_number", 20000,
                "mfa_support", false, "certificate", cert, "tls_server_name", "ldap.example.org",
                "search_full_directory_users", List.of(user), "search_full_directory_groups", List.of(group))), 200);
        assertThat(changed.get("base_dn").asString()).isEqualTo("dc=example,dc=org");
        assertThat(changed.get("bind_mode").asString()).isEqualTo("cached");
        assertThat(changed.get("search_mode").asString()).isEqualTo("cached");
        assertThat(changed.get("uid_start_number").asInt()).isEqualTo(10000);
        assertThat(changed.get("gid_start_number").asInt()).isEqualTo(20000);
        assertThat(changed.get("mfa_support").booleanValue()).isFalse();
        assertThat(changed.get("certificate").asString()).isEqualTo(cert);
        assertThat(changed.get("tls_server_name").asString()).isEqualTo("ldap.example.org");
        assertThat(changed.get("search_full_directory_users").get(0).asLong()).isEqualTo(user);
        assertThat(changed.get("search_full_directory_groups").get(0).asString()).isEqualTo(group);
        assertThat(expect(server.get(LDAP + pk + "/", ADMIN), 200)).isEqualTo(changed);
        assertThat(expect(server.get(LDAP + "?search_mode=cached", ADMIN), 200).get("results")).hasSize(1);
        expect(server.send("DELETE", "/api/v3/crypto/certificatekeypairs/" + cert + "/", ADMIN, null), 400);

        expect(server.send("DELETE", LDAP + pk + "/", ADMIN, null), 204);
        expect(server.get(LDAP + pk + "/", ADMIN), 404);
        dev.gatehouse.testing.Eventually.within(java.time.Duration.ofSeconds(10), "the listener stops",
                () -> server.gatehouse().ldapPort() == 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void badValuesAreFieldErrorsAndChangeNothing(String kind) {
        TestServer server = server(kind);
        String flow = new LdapKit(server).flowPk("default-authentication-flow");
        JsonNode errors = expect(server.send("POST", LDAP, ADMIN, obj("name", "bad " + kind, "authorization_flow", flow,
                "base_dn", "not a dn", "bind_mode", "sometimes", "search_mode", "cached", "uid_start_number", -1,
                "certificate", "00000000-0000-0000-0000-000000000000", "search_full_directory_users", List.of(999999))), 400);
        assertThat(errors.propertyNames()).contains("base_dn", "bind_mode", "uid_start_number", "certificate",
                "search_full_directory_users");
        expect(server.send("POST", LDAP, ADMIN, obj("name", "no flow " + kind)), 400);
        assertThat(expect(server.get(LDAP + "?name=" + dev.gatehouse.api.ApiTestSupport.q("bad " + kind), ADMIN), 200)
                .get("results")).isEmpty();
    }
}
