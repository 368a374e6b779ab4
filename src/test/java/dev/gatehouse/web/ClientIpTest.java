package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.Cidr;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIpTest {
    private final ClientIp ip = new ClientIp(List.of(Cidr.parse("k", "127.0.0.0/8"), Cidr.parse("k", "10.0.0.0/8"),
            Cidr.parse("k", "::1/128"), Cidr.parse("k", "fd00::/8")));

    private static InetSocketAddress peer(String addr) {
        return new InetSocketAddress(addr, 40000);
    }

    @Test
    void untrustedPeerIgnoresForwardedFor() {
        assertThat(ip.resolve(peer("203.0.113.9"), List.of("1.2.3.4"))).isEqualTo("203.0.113.9");
        assertThat(ip.resolve(peer("203.0.113.9"), List.of())).isEqualTo("203.0.113.9");
    }

    @Test
    void trustedPeerWithoutHeaderIsTheClient() {
        assertThat(ip.resolve(peer("127.0.0.1"), List.of())).isEqualTo("127.0.0.1");
    }

    @Test
    void trustedPeerTakesRightMostUntrustedHop() {
        // a client forged "6.6.6.6"; its real address 198.51.100.7 was appended by the first proxy
        assertThat(ip.resolve(peer("127.0.0.1"), List.of("6.6.6.6, 198.51.100.7, 10.1.2.3"))).isEqualTo("198.51.100.7");
        assertThat(ip.resolve(peer("10.0.0.2"), List.of("6.6.6.6", "198.51.100.7"))).isEqualTo("198.51.100.7");
    }

    @Test
    void allHopsTrustedGivesTheLeftMost() {
        assertThat(ip.resolve(peer("127.0.0.1"), List.of("10.0.0.5, 10.0.0.6"))).isEqualTo("10.0.0.5");
    }

    @Test
    void garbageHopStopsTheWalkAndNeverBecomesTheClient() {
        assertThat(ip.resolve(peer("127.0.0.1"), List.of("198.51.100.7, not-an-ip"))).isEqualTo("127.0.0.1");
        assertThat(ip.resolve(peer("127.0.0.1"), List.of("garbage, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(ip.resolve(peer("127.0.0.1"), List.of("evil.example.com"))).isEqualTo("127.0.0.1");
        assertThat(ip.resolve(peer("127.0.0.1"), List.of(""))).isEqualTo("127.0.0.1");
        assertThat(ip.resolve(peer("127.0.0.1"), List.of("1234"))).isEqualTo("127.0.0.1");
        assertThat(ip.resolve(peer("127.0.0.1"), List.of("198.51.100.7, 10.0.0.1, <script>"))).isEqualTo("127.0.0.1");
    }

    @Test
    void ipv6PeersAndHops() {
        assertThat(ip.resolve(peer("::1"), List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(ip.resolve(peer("::1"), List.of("[2001:db8::8]"))).isEqualTo("2001:db8:0:0:0:0:0:8");
        assertThat(ip.resolve(peer("::1"), List.of("2001:db8::7, fd00::1"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(ip.resolve(peer("2001:db8::99"), List.of("1.2.3.4"))).isEqualTo("2001:db8:0:0:0:0:0:99");
        assertThat(ip.resolve(peer("fd00::2"), List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
    }

    @Test
    void unresolvedPeerGivesNull() {
        assertThat(ip.resolve(InetSocketAddress.createUnresolved("host", 1), List.of("1.2.3.4"))).isNull();
    }

    @Test
    void parseAcceptsOnlyLiterals() {
        assertThat(ClientIp.parse("192.0.2.1")).isNotNull();
        assertThat(ClientIp.parse("[::1]")).isNotNull();
        assertThat(ClientIp.parse("localhost")).isNull();
        assertThat(ClientIp.parse("deadbeef")).isNull();
    }
}
