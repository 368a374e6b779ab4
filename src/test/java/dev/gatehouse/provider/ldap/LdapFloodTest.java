package dev.gatehouse.provider.ldap;

import static dev.gatehouse.provider.ldap.LdapKit.userDn;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.LocalSocketFactory;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One address flooding the LDAP listener with connections is held to its per-IP cap, while a well-behaved client
 * from another address ({@code 127.0.0.2}: Linux routes all of 127/8 to loopback) keeps binding and searching; an
 * idle connection is closed after the idle timeout. Both limits are set small in the test's configuration.
 */
class LdapFloodTest {
    private static final int CAP = 4;
    private static final InetAddress FLOODER = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress GOOD = InetAddress.ofLiteral("127.0.0.2");
    private static TestServer capped;
    private static TestServer idle;

    @BeforeAll
    static void start() {
        capped = TestServer.start(Map.of("ldap.max_connections_per_ip", String.valueOf(CAP)));
        idle = TestServer.start(Map.of("ldap.idle_timeout_seconds", "1"));
        for (TestServer s : List.of(capped, idle)) {
            LdapKit kit = new LdapKit(s);
            kit.user("gina", "gina-password-1");
            kit.provider("ldap-flood");
            Eventually.within(Duration.ofSeconds(10), "LDAP listening", () -> s.gatehouse().ldapPort() != 0);
        }
    }

    @AfterAll
    static void stop() {
        capped.close();
        idle.close();
    }

    /** A TCP connection to the LDAP port from {@code local}. */
    private static Socket connect(TestServer s, InetAddress local) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress(FLOODER, s.gatehouse().ldapPort()), 5000);
        return socket;
    }

    /** Whether the server closed the connection within {@code wait} (EOF or reset), rather than keeping it open. */
    private static boolean closedByServer(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Binds as gina from {@code local} and reads her entry: what a well-behaved LDAP client does. */
    private static void bindAndSearch(TestServer s, InetAddress local) throws Exception {
        try (LDAPConnection c = new LDAPConnection(new LocalSocketFactory(local), "127.0.0.1", s.gatehouse().ldapPort())) {
            c.bind(userDn("gina"), "gina-password-1");
            assertThat(c.getEntry(userDn("gina"))).isNotNull();
        }
    }

    @Test
    void floodFromOneAddressThenRefusedBeyondTheCapAndAnotherAddressIsServed() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                flood.add(connect(capped, FLOODER));
            }
            int open = 0;
            for (Socket s : flood) {
                open += closedByServer(s, Duration.ofMillis(200)) ? 0 : 1;
            }
            assertThat(open).as("connections the flooding address keeps").isEqualTo(CAP);
            for (int i = 0; i < 3; i++) {
                bindAndSearch(capped, GOOD);
            }
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
        Eventually.within(Duration.ofSeconds(10), "the flooder's slots are free again once it closes them", () -> {
            try {
                bindAndSearch(capped, FLOODER);
                return true;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void idleConnectionThenClosedAfterTheIdleTimeoutWhileABusyOneStays() throws Exception {
        try (Socket quiet = connect(idle, FLOODER);
             LDAPConnection busy = new LDAPConnection(new LocalSocketFactory(GOOD), "127.0.0.1", idle.gatehouse().ldapPort())) {
            long start = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                busy.bind(userDn("gina"), "gina-password-1");
                Thread.sleep(400);
            }
            assertThat(closedByServer(quiet, Duration.ofSeconds(10))).as("the idle connection is closed").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            busy.bind(userDn("gina"), "gina-password-1");
            assertThat(busy.isConnected()).as("a connection in use is kept").isTrue();
        }
    }
}
