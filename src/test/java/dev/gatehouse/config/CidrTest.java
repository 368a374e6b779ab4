package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void parseWhenLiteralThenContainsComparesBits() {
        assertThat(Cidr.parse("k", "10.0.0.0/8").contains(InetAddress.ofLiteral("10.200.1.1"))).isTrue();
        assertThat(Cidr.parse("k", "10.0.0.0/8").contains(InetAddress.ofLiteral("11.0.0.1"))).isFalse();
        assertThat(Cidr.parse("k", "2001:db8::/32").contains(InetAddress.ofLiteral("2001:db8:1::1"))).isTrue();
        assertThat(Cidr.parse("k", "192.0.2.7").contains(InetAddress.ofLiteral("192.0.2.7"))).isTrue();
    }

    @Test
    void parseWhenHostNameLikeHexThenRefusedWithoutLookup() {
        assertThatThrownBy(() -> Cidr.parse("k", "dead/8")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a network in CIDR notation");
        assertThatThrownBy(() -> Cidr.parse("k", "10.0.0.0/40")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid prefix length");
    }
}
