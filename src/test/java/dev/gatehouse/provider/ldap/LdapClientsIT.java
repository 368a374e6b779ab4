package dev.gatehouse.provider.ldap;

import static dev.gatehouse.provider.ldap.LdapKit.BASE;
import static dev.gatehouse.provider.ldap.LdapKit.userDn;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.LocalSocketFactory;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real third-party LDAP clients as processes against the embedded outpost: ldap-utils' ldapwhoami and ldapsearch
 * (simple bind, StartTLS with -ZZ, ldaps://, paging, a memberOf filter), the seed 000 python-ldap snippet run by
 * Debian's python3, 1,000 idle connections beside a working client, and the bind throttle shared with the web.
 */
class LdapClientsIT {
    private static final String SEED_000 = """
            import ldap
            # Configuration
            LDAP_SERVER = "ldap://%s"
            BIND_DN = "cn=akadmin,ou=users,dc=ldap,dc=goauthentik,dc=io"
            BIND_PASSWORD = "%s"
            try:
                conn = ldap.initialize(LDAP_SERVER)
                conn.simple_bind_s(BIND_DN, BIND_PASSWORD)
                print("LDAP Bind Successful")
            except ldap.LDAPError as e:
                print(f"LDAP Error: {e}")
            """;
    private static TestServer server;
    private static Path work;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        LdapKit kit = new LdapKit(server);
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            users.add(kit.user("user" + i, "user-password-" + i));
        }
        kit.group("engineers", users.subList(0, 3));
        kit.provider("ldap-clients");
        Eventually.within(Duration.ofSeconds(10), "LDAP listening", () -> server.gatehouse().ldapPort() != 0);
        work = Files.createTempDirectory("ldap-clients");
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    record Run(int exit, String out) {
    }

    static Run run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static String ldap() {
        return "ldap://127.0.0.1:" + server.gatehouse().ldapPort();
    }

    private static final Map<String, String> TRUST_ANY = Map.of("LDAPTLS_REQCERT", "never");

    @Test
    void ldapwhoamiWithASimpleBindAndWithStartTls() throws Exception {
        Run plain = run(Map.of(), "ldapwhoami", "-x", "-H", ldap(), "-D", userDn("user1"), "-w", "user-password-1");
        assertThat(plain.exit()).as(plain.out()).isZero();
        assertThat(plain.out()).contains("dn:" + userDn("user1"));
        Run tls = run(TRUST_ANY, "ldapwhoami", "-x", "-ZZ", "-H", ldap(), "-D", userDn("user1"), "-w", "user-password-1");
        assertThat(tls.exit()).as(tls.out()).isZero();
        Run wrong = run(Map.of(), "ldapwhoami", "-x", "-H", ldap(), "-D", userDn("user1"), "-w", "nope");
        assertThat(wrong.exit()).isEqualTo(49);
        assertThat(wrong.out()).contains("Invalid credentials (49)");
    }

    @Test
    void ldapsearchOverLdapsWithPagingAndAMemberOfFilter() throws Exception {
        String ldaps = "ldaps://127.0.0.1:" + server.gatehouse().ldapsPort();
        Run paged = run(TRUST_ANY, "ldapsearch", "-x", "-H", ldaps, "-D", userDn("akadmin"), "-w",
                TestServer.ADMIN_PASSWORD, "-b", "ou=users," + BASE, "-E", "pr=10/noprompt", "(objectClass=user)", "cn");
        assertThat(paged.exit()).as(paged.out()).isZero();
        assertThat(paged.out().lines().filter(l -> l.startsWith("dn: ")).count()).isEqualTo(26);
        assertThat(paged.out().lines().filter(l -> l.contains("pagedresults: estimate=26 cookie=")).count())
                .as(paged.out()).isEqualTo(3);

        Run members = run(TRUST_ANY, "ldapsearch", "-x", "-LLL", "-ZZ", "-H", ldap(), "-D", userDn("akadmin"), "-w",
                TestServer.ADMIN_PASSWORD, "-b", BASE, "(memberOf=cn=engineers,ou=groups," + BASE + ")", "cn");
        assertThat(members.exit()).as(members.out()).isZero();
        assertThat(members.out().lines().filter(l -> l.startsWith("cn: ")).sorted().toList())
                .containsExactly("cn: user0", "cn: user1", "cn: user2");
    }

    @Test
    void theSeed000PythonLdapSnippetWorksWithOnlyTheHostChanged() throws Exception {
        String host = "127.0.0.1:" + server.gatehouse().ldapPort();
        Path right = Files.writeString(work.resolve("right.py"), SEED_000.formatted(host, TestServer.ADMIN_PASSWORD));
        Path wrong = Files.writeString(work.resolve("wrong.py"), SEED_000.formatted(host, "your_password"));
        Run ok = run(Map.of(), "/usr/bin/python3", right.toString());
        assertThat(ok.out().strip()).isEqualTo("LDAP Bind Successful");
        Run bad = run(Map.of(), "/usr/bin/python3", wrong.toString());
        assertThat(bad.out()).startsWith("LDAP Error: ").contains("Invalid credentials");
    }

    @Test
    void aThousandIdleConnectionsLeaveTheListenerServingOthers() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                idle.add(new Socket("127.0.0.1", server.gatehouse().ldapPort()));
            }
            long start = System.nanoTime();
            // the well-behaved client comes from another address: the flooding one is held to its per-IP cap
            try (LDAPConnection c = new LDAPConnection(new LocalSocketFactory(InetAddress.ofLiteral("127.0.0.2")),
                    "127.0.0.1", server.gatehouse().ldapPort())) {
                c.bind(userDn("user3"), "user-password-3");
                assertThat(c.getEntry(userDn("user3"))).isNotNull();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void failedBindsAreThrottledPerConnectionAndShareTheWebThrottlePerUser() throws Exception {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.gatehouse().ldapPort())) {
            for (int i = 0; i < ConnectionThrottle.CAPACITY; i++) {
                assertThat(code(c, userDn("user" + (10 + i)), "wrong")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            }
            assertThat(code(c, userDn("user15"), "user-password-15")).as("this connection has used its attempts")
                    .isEqualTo(ResultCode.INVALID_CREDENTIALS);
        }
        // user20: failures on the web sign-in count against LDAP binds of the same user (one LoginThrottle).
        for (int i = 0; i < dev.gatehouse.throttle.LoginThrottle.PER_USERNAME.capacity(); i++) {
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.gatehouse().ldapPort())) {
                code(c, userDn("user20"), "wrong-" + i);
            }
        }
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.gatehouse().ldapPort())) {
            assertThat(code(c, userDn("user20"), "user-password-20")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
        }
        try (var web = new dev.gatehouse.testing.FlowClient(server.base())) {
            var end = web.run("default-authentication-flow", null, "user20", "user-password-20");
            assertThat(end.toString()).as("the web sign-in is throttled too").contains("Too many failed attempts");
        }
    }

    private static ResultCode code(LDAPConnection c, String dn, String password) {
        try {
            return c.bind(dn, password).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }
}
