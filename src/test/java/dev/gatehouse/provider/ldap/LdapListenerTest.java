package dev.gatehouse.provider.ldap;

import static dev.gatehouse.provider.ldap.LdapKit.BASE;
import static dev.gatehouse.provider.ldap.LdapKit.userDn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.CompareRequest;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.ExtendedRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import dev.gatehouse.testing.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LDAP outpost with UnboundID's client against a real server: every operation and result code, the
 * directory's entries, visibility, filters, scopes, limits, paging, StartTLS and LDAPS, and malformed input.
 */
class LdapListenerTest {
    private static TestServer server;
    private static LdapKit kit;
    private static long alice;
    private static long bob;
    private static String staff;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        kit = new LdapKit(server);
        assertThat(server.gatehouse().ldapPort()).as("no LDAP provider yet: not listening").isZero();
        alice = kit.user("alice", "alice-password-1", "attributes", Map.of("shell/login", "/bin/zsh", "home.dir", "/srv/%s"));
        bob = kit.user("bob", "bob-password-1");
        kit.user("carol", "carol-password-1");
        staff = kit.group("staff", List.of(alice, bob));
        String readers = kit.group("readers", List.of(bob));
        kit.provider("ldap-app", "search_full_directory_groups", List.of(readers));
        kit.onlyGroup("ldap-app", staff);
        dev.gatehouse.testing.Eventually.within(java.time.Duration.ofSeconds(10), "LDAP listening",
                () -> server.gatehouse().ldapPort() != 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static LDAPConnection connect() throws LDAPException {
        return new LDAPConnection("127.0.0.1", server.gatehouse().ldapPort());
    }

    static LDAPConnection bound(String user, String password) throws LDAPException {
        LDAPConnection c = connect();
        c.bind(userDn(user), password);
        return c;
    }

    private static ResultCode bindCode(String dn, String password) {
        try (LDAPConnection c = connect()) {
            return c.bind(dn, password).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    @Test
    void bindSucceedsForTheRightPasswordAndAnAllowedUser() {
        assertThat(bindCode(userDn("alice"), "alice-password-1")).isEqualTo(ResultCode.SUCCESS);
        assertThat(bindCode("CN=alice,OU=users,dc=LDAP,dc=goauthentik,dc=io", "alice-password-1"))
                .as("DNs compare without case").isEqualTo(ResultCode.SUCCESS);
    }

    @Test
    void wrongPasswordUnknownUserOrForeignBaseIsInvalidCredentials() {
        assertThat(bindCode(userDn("alice"), "wrong")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
        assertThat(bindCode(userDn("nobody"), "alice-password-1")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
        assertThat(bindCode("cn=alice,ou=users,dc=example,dc=org", "alice-password-1"))
                .isEqualTo(ResultCode.INVALID_CREDENTIALS);
        assertThat(bindCode("ou=users," + BASE, "alice-password-1")).as("no cn in the DN")
                .isEqualTo(ResultCode.INVALID_CREDENTIALS);
    }

    @Test
    void emptyPasswordIsNeverASuccess() throws Exception {
        try (LDAPConnection c = connect()) {
            // UnboundID refuses to send an empty-password bind by default; send it raw through the generic API.
            c.getConnectionOptions().setBindWithDNRequiresPassword(false);
            assertThat(bindCodeOn(c, userDn("alice"), "")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            assertThat(bindCodeOn(c, "", "")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
        }
    }

    private static ResultCode bindCodeOn(LDAPConnection c, String dn, String password) {
        try {
            return c.bind(dn, password).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    @Test
    void aUserTheApplicationRefusesGetsInsufficientAccessRights() {
        assertThat(bindCode(userDn("carol"), "carol-password-1")).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
    }

    @Test
    void anonymousSearchIsRefusedButTheRootDseIsReadable() throws Exception {
        try (LDAPConnection c = connect()) {
            LDAPException e = org.junit.jupiter.api.Assertions.assertThrows(LDAPException.class,
                    () -> c.search(BASE, SearchScope.SUB, "(objectClass=*)"));
            assertThat(e.getResultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
            SearchResultEntry root = c.getEntry("", "*");
            assertThat(root.getAttributeValues("namingContexts")).contains(BASE);
            assertThat(root.getAttributeValues("supportedControl")).contains(SimplePagedResultsControl.PAGED_RESULTS_OID);
            assertThat(root.getAttributeValues("supportedExtension")).contains("1.3.6.1.4.1.1466.20037");
        }
    }

    @Test
    void userEntryHasTheContractAttributes() throws Exception {
        try (LDAPConnection c = bound("bob", "bob-password-1")) {
            SearchResultEntry a = c.getEntry(userDn("alice"));
            assertThat(a.getObjectClassValues()).containsExactly("top", "person", "organizationalPerson",
                    "inetOrgPerson", "user", "posixAccount", "goauthentik.io/ldap/user");
            assertThat(a.getAttributeValue("cn")).isEqualTo("alice");
            assertThat(a.getAttributeValue("sAMAccountName")).isEqualTo("alice");
            assertThat(a.getAttributeValue("uid")).hasSize(64);
            assertThat(a.getAttributeValue("displayName")).isEqualTo("ALICE Example");
            assertThat(a.getAttributeValue("mail")).isEqualTo("alice@example.org");
            assertThat(a.getAttributeValue("uidNumber")).isEqualTo(String.valueOf(2000 + alice));
            assertThat(a.getAttributeValue("gidNumber")).isEqualTo(String.valueOf(2000 + alice));
            assertThat(a.getAttributeValue("homeDirectory")).isEqualTo("/home/alice");
            assertThat(a.getAttributeValue("ak-active")).isEqualTo("TRUE");
            assertThat(a.getAttributeValue("ak-superuser")).isEqualTo("FALSE");
            assertThat(a.getAttributeValues("memberOf")).containsExactly("cn=staff,ou=groups," + BASE);
            assertThat(a.getAttributeValue("shell-login")).isEqualTo("/bin/zsh");
            assertThat(a.getAttributeValue("homedir")).isEqualTo("/srv/alice");
            assertThat(a.getAttributeValue("createTimestamp")).endsWith("Z");

            SearchResultEntry g = c.getEntry("cn=staff,ou=groups," + BASE);
            assertThat(g.getObjectClassValues()).contains("group", "groupOfNames", "posixGroup", "goauthentik.io/ldap/group");
            assertThat(g.getAttributeValues("member")).containsExactlyInAnyOrder(userDn("alice"), userDn("bob"));
            SearchResultEntry v = c.getEntry("cn=alice,ou=virtual-groups," + BASE);
            assertThat(v.getObjectClassValues()).contains("goauthentik.io/ldap/virtual-group");
            assertThat(v.getAttributeValues("member")).containsExactly(userDn("alice"));
        }
    }

    @Test
    void withoutTheFullDirectoryRightAUserSeesItselfAndItsGroups() throws Exception {
        try (LDAPConnection c = bound("alice", "alice-password-1")) {
            List<String> dns = dns(c.search(BASE, SearchScope.SUB, "(|(objectClass=user)(objectClass=group))"));
            assertThat(dns).containsExactlyInAnyOrder(userDn("alice"), "cn=staff,ou=groups," + BASE,
                    "cn=alice,ou=virtual-groups," + BASE);
            assertThat(c.getEntry(userDn("bob"))).isNull();
        }
        try (LDAPConnection c = bound("bob", "bob-password-1")) {
            assertThat(dns(c.search(BASE, SearchScope.SUB, "(objectClass=user)"))).contains(userDn("alice"),
                    userDn("bob"), userDn("carol"), userDn("akadmin"));
        }
    }

    @Test
    void filtersScopesAttributesAndTypesOnly() throws Exception {
        try (LDAPConnection c = bound("bob", "bob-password-1")) {
            assertThat(dns(c.search(BASE, SearchScope.SUB, "(memberOf=cn=staff,ou=groups," + BASE + ")")))
                    .containsExactlyInAnyOrder(userDn("alice"), userDn("bob"));
            assertThat(dns(c.search(BASE, SearchScope.SUB, "(&(objectClass=user)(cn=a*)(!(cn=akadmin)))")))
                    .containsExactly(userDn("alice"));
            assertThat(dns(c.search(BASE, SearchScope.SUB, "(uidNumber>=" + (2000 + bob) + ")")))
                    .contains(userDn("bob")).doesNotContain(userDn("alice"));
            assertThat(dns(c.search("ou=users," + BASE, SearchScope.ONE, "(objectClass=*)"))).contains(userDn("carol"))
                    .doesNotContain("ou=users," + BASE);
            assertThat(dns(c.search(userDn("carol"), SearchScope.BASE, "(objectClass=*)"))).containsExactly(userDn("carol"));
            SearchResultEntry only = c.search(userDn("carol"), SearchScope.BASE, "(objectClass=*)", "mail", "CN")
                    .getSearchEntries().getFirst();
            assertThat(only.getAttributes()).extracting(Attribute::getName).containsExactlyInAnyOrder("mail", "cn");
            SearchRequest types = new SearchRequest(userDn("carol"), SearchScope.BASE, "(objectClass=*)", "mail");
            types.setTypesOnly(true);
            assertThat(c.search(types).getSearchEntries().getFirst().getAttribute("mail").getValues()).isEmpty();
            assertThatThrownBy(() -> c.search("cn=nobody,ou=users," + BASE, SearchScope.BASE, "(objectClass=*)"))
                    .isInstanceOfSatisfying(LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT));
        }
    }

    @Test
    void sizeLimitAndPagedResults() throws Exception {
        try (LDAPConnection c = bound("bob", "bob-password-1")) {
            SearchRequest limited = new SearchRequest(BASE, SearchScope.SUB, "(objectClass=user)");
            limited.setSizeLimit(2);
            assertThatThrownBy(() -> c.search(limited)).isInstanceOfSatisfying(LDAPException.class,
                    e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED));

            int all = c.search(BASE, SearchScope.SUB, "(objectClass=*)").getEntryCount();
            List<String> paged = new ArrayList<>();
            ASN1OctetString cookie = null;
            int pages = 0;
            do {
                SearchRequest r = new SearchRequest(BASE, SearchScope.SUB, "(objectClass=*)");
                r.setControls(new SimplePagedResultsControl(3, cookie));
                SearchResult page = c.search(r);
                assertThat(page.getEntryCount()).isLessThanOrEqualTo(3);
                paged.addAll(dns(page));
                cookie = SimplePagedResultsControl.get(page).getCookie();
                pages++;
            } while (cookie != null && cookie.getValueLength() > 0);
            assertThat(paged).hasSize(all).doesNotHaveDuplicates();
            assertThat(pages).isEqualTo((all + 2) / 3);
        }
    }

    @Test
    void writesAndCompareAreUnwillingToPerform() throws Exception {
        try (LDAPConnection c = bound("bob", "bob-password-1")) {
            for (var op : List.<ThrowingOp>of(
                    () -> c.add(new AddRequest("cn=x,ou=users," + BASE, new Attribute("objectClass", "top"))),
                    () -> c.modify(new ModifyRequest(userDn("bob"), new Modification(ModificationType.REPLACE, "mail", "x@y"))),
                    () -> c.delete(new DeleteRequest(userDn("bob"))),
                    () -> c.modifyDN(new ModifyDNRequest(userDn("bob"), "cn=robert", true)),
                    () -> c.compare(new CompareRequest(userDn("bob"), "cn", "bob")))) {
                assertThatThrownBy(op::run).isInstanceOfSatisfying(LDAPException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM));
            }
            WhoAmIExtendedResult who = (WhoAmIExtendedResult) c.processExtendedOperation(new WhoAmIExtendedRequest());
            assertThat(who.getAuthorizationID()).isEqualTo("dn:" + userDn("bob"));
            assertThatThrownBy(() -> c.processExtendedOperation(new ExtendedRequest("1.2.3.4")))
                    .isInstanceOfSatisfying(LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.PROTOCOL_ERROR));
        }
    }

    interface ThrowingOp {
        LDAPResult run() throws LDAPException;
    }

    @Test
    void startTlsAndLdapsServeTheSameDirectory() throws Exception {
        SSLUtil ssl = new SSLUtil(new TrustAllTrustManager());
        try (LDAPConnection c = connect()) {
            assertThat(c.processExtendedOperation(new StartTLSExtendedRequest(ssl.createSSLContext())).getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            c.bind(userDn("alice"), "alice-password-1");
            assertThat(c.getEntry(userDn("alice"))).isNotNull();
        }
        try (LDAPConnection c = new LDAPConnection(ssl.createSSLSocketFactory(), "127.0.0.1",
                server.gatehouse().ldapsPort())) {
            c.bind(userDn("alice"), "alice-password-1");
            assertThat(c.getEntry(userDn("alice"))).isNotNull();
        }
    }

    @Test
    void garbageAndOversizeMessagesCloseOnlyThatConnection() throws Exception {
        try (LDAPConnection parallel = bound("bob", "bob-password-1")) {
            try (Socket raw = new Socket("127.0.0.1", server.gatehouse().ldapPort())) {
                raw.setSoTimeout(5000);
                OutputStream out = raw.getOutputStream();
                out.write(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
                out.flush();
                InputStream in = raw.getInputStream();
                assertThat(readUntilClosed(in)).as("the server closes the connection").isTrue();
            }
            try (Socket raw = new Socket("127.0.0.1", server.gatehouse().ldapPort())) {
                raw.setSoTimeout(5000);
                raw.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: " + "x".repeat(200) + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(readUntilClosed(raw.getInputStream())).isTrue();
            }
            assertThat(parallel.getEntry(userDn("alice"))).isNotNull();
        }
    }

    @Test
    void aClientThatDisconnectsMidSearchLeavesTheOthersServed() throws Exception {
        byte[] bind = new com.unboundid.ldap.protocol.LDAPMessage(1, new com.unboundid.ldap.protocol.BindRequestProtocolOp(
                userDn("bob"), "bob-password-1")).encode().encode();
        byte[] search = new com.unboundid.ldap.protocol.LDAPMessage(2, new com.unboundid.ldap.protocol.SearchRequestProtocolOp(
                new SearchRequest(BASE, SearchScope.SUB, "(objectClass=*)"))).encode().encode();
        for (int i = 0; i < 5; i++) {
            try (Socket raw = new Socket("127.0.0.1", server.gatehouse().ldapPort())) {
                raw.getOutputStream().write(bind);
                raw.getOutputStream().write(search);
                raw.getOutputStream().flush();
                raw.getInputStream().read(new byte[64]);
                raw.setSoLinger(true, 0); // reset: the server's next writes fail
            }
        }
        try (LDAPConnection c = bound("alice", "alice-password-1")) {
            assertThat(c.getEntry(userDn("alice"))).isNotNull();
        }
    }

    private static boolean readUntilClosed(InputStream in) {
        try {
            byte[] buf = new byte[512];
            while (in.read(buf) >= 0) {
                // discard whatever the server says before closing
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException reset) {
            return true;
        }
    }

    static List<String> dns(SearchResult r) {
        return r.getSearchEntries().stream().map(SearchResultEntry::getDN).toList();
    }
}
