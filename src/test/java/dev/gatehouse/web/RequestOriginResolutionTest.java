package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.Cidr;
import dev.gatehouse.core.RequestOrigin;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link RequestOrigins#resolve}: which header counts from which peer, and what a configured external URL fixes. */
class RequestOriginResolutionTest {
    private static final InetSocketAddress PROXY = new InetSocketAddress("10.0.0.5", 40000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("192.0.2.7", 40000);
    private final ClientIp clientIp = new ClientIp(List.of(Cidr.parse("k", "10.0.0.0/8")));
    private final RequestOrigins direct = new RequestOrigins(clientIp, Optional.empty());
    private final RequestOrigins external = new RequestOrigins(clientIp, Optional.of("https://auth.example.org"));

    @Test
    void strangerWhenForwardingHeadersThenOnlyHostAndPeerCount() {
        RequestOrigin o = direct.resolve(false, STRANGER, "gh.lan:9000", List.of("6.6.6.6"), "https", "evil.example");
        assertThat(o).isEqualTo(new RequestOrigin("http", "gh.lan:9000", "http://gh.lan:9000", "192.0.2.7"));
    }

    @Test
    void trustedProxyWhenForwardingHeadersThenTheFirstValuesCount() {
        RequestOrigin o = direct.resolve(false, PROXY, "gatehouse:9000", List.of("203.0.113.9"), "HTTPS, http",
                "auth.example.net, gatehouse:9000");
        assertThat(o).isEqualTo(new RequestOrigin("https", "auth.example.net", "https://auth.example.net",
                "203.0.113.9"));
    }

    @Test
    void tlsListenerThenHttpsWhateverTheProxySays() {
        assertThat(direct.resolve(true, PROXY, "gh.lan", List.of(), "http", null).scheme()).isEqualTo("https");
    }

    @Test
    void hostWhenNotAnAuthorityThenIgnored() {
        assertThat(direct.resolve(false, PROXY, "gh.lan", List.of(), null, "evil.example/path").host())
                .isEqualTo("gh.lan");
        RequestOrigin none = direct.resolve(false, STRANGER, "a b@evil", List.of(), null, null);
        assertThat(none.host()).isNull();
        assertThat(none.baseUrl()).isEqualTo("http://localhost");
        assertThat(direct.resolve(false, STRANGER, "[::1]:9000", List.of(), null, null).baseUrl())
                .isEqualTo("http://[::1]:9000");
    }

    @Test
    void externalUrlThenTheBaseUrlWhileSchemeAndHostStayTheRequests() {
        RequestOrigin o = external.resolve(false, STRANGER, "evil.example", List.of(), null, null);
        assertThat(o.baseUrl()).isEqualTo("https://auth.example.org");
        assertThat(o.host()).isEqualTo("evil.example");
        assertThat(o.secure()).isFalse();
    }

    @Test
    void upstreamForwardedForWhenStrangerThenOnlyItsAddressWhenTrustedProxyThenTheChainToo() {
        assertThat(direct.forwardedFor(STRANGER, List.of("6.6.6.6"))).isEqualTo("192.0.2.7");
        assertThat(direct.forwardedFor(PROXY, List.of("203.0.113.9", "10.0.0.4"))).isEqualTo("203.0.113.9, 10.0.0.4, 10.0.0.5");
        assertThat(direct.forwardedFor(PROXY, List.of())).isEqualTo("10.0.0.5");
    }
}
