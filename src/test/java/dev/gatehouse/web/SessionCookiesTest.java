package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.config.Cidr;
import dev.gatehouse.config.ListenAddress;
import dev.gatehouse.crypto.SelfSignedCertificate;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The session and CSRF cookies: attributes, the HTTPS decision, reading them back, and real responses. */
class SessionCookiesTest {
    private static final InetSocketAddress PROXY = new InetSocketAddress("10.1.2.3", 40000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.7", 40000);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final ClientIp trustingTenNet = new ClientIp(List.of(Cidr.parse("k", "10.0.0.0/8")));
    private final SessionCookies cookies = new SessionCookies(Optional.empty(), new RequestOrigins(trustingTenNet, Optional.empty()));

    @Test
    void issueWhenPlainHttpThenSessionCookieIsHttpOnlyLaxAndNotSecure() {
        List<String> set = cookies.issue("key_-123", "csrf-456", NOW.plus(Duration.ofHours(2)), NOW, false);

        assertThat(set).containsExactly(
                "gatehouse_session=key_-123; Path=/; Expires=Sun, 1 Mar 2026 12:00:00 GMT; Max-Age=7200; HttpOnly; SameSite=Lax",
                "gatehouse_csrf=csrf-456; Path=/; Expires=Sun, 1 Mar 2026 12:00:00 GMT; Max-Age=7200; SameSite=Lax");
    }

    @Test
    void issueWhenSecureAndDomainConfiguredThenBothCookiesCarryThem() {
        SessionCookies withDomain = new SessionCookies(Optional.of("example.org"), new RequestOrigins(trustingTenNet, Optional.empty()));

        List<String> set = withDomain.issue("k", "c", null, NOW, true);

        assertThat(set.get(0)).isEqualTo("gatehouse_session=k; Domain=example.org; Path=/; Secure; HttpOnly; SameSite=Lax");
        assertThat(set.get(1)).isEqualTo("gatehouse_csrf=c; Domain=example.org; Path=/; Secure; SameSite=Lax");
    }

    @Test
    void clearThenBothCookiesExpireNow() {
        assertThat(cookies.clear(true)).allSatisfy(c -> assertThat(c).contains("=; Path=/; Expires=Thu, 1 Jan 1970 00:00:00 GMT; Max-Age=0; Secure"))
                .hasSize(2);
        assertThat(cookies.clear(false).getFirst()).startsWith("gatehouse_session=;").doesNotContain("Secure");
    }

    @Test
    void constructWhenDomainOrValueCouldInjectAttributesThenRefused() {
        assertThatThrownBy(() -> new SessionCookies(Optional.of("example.org; HttpOnly=false"),
                new RequestOrigins(trustingTenNet, Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cookies.issue("a;b", "c", null, NOW, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secureWhenTlsListenerOrForwardedHttpsFromATrustedProxyOnly() {
        assertThat(cookies.secure(true, STRANGER, null)).isTrue();
        assertThat(cookies.secure(false, PROXY, "https")).isTrue();
        assertThat(cookies.secure(false, PROXY, "HTTPS, http")).isTrue();
        assertThat(cookies.secure(false, PROXY, "http")).isFalse();
        assertThat(cookies.secure(false, PROXY, null)).isFalse();
        assertThat(cookies.secure(false, STRANGER, "https")).isFalse();
    }

    @Test
    void readWhenSeveralCookiesThenTheNamedOneExactly() {
        String header = "other=1; gatehouse_session_x=no; gatehouse_session=abc-_123; gatehouse_csrf=\"q\"";

        assertThat(SessionCookies.read(header, SessionCookies.SESSION)).contains("abc-_123");
        assertThat(SessionCookies.read(header, SessionCookies.CSRF)).contains("q");
        assertThat(SessionCookies.read(header, "missing")).isEmpty();
        assertThat(SessionCookies.read("gatehouse_session=", SessionCookies.SESSION)).isEmpty();
        assertThat(SessionCookies.read(null, SessionCookies.SESSION)).isEmpty();
    }

    @Test
    void writeWhenServedThenTwoSetCookieHeadersAndSecureOnlyOnTheHttpsListener() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost", Duration.ofDays(1));
        SessionCookies local = new SessionCookies(Optional.empty(),
                new RequestOrigins(new ClientIp(List.of(Cidr.parse("k", "127.0.0.0/8"))), Optional.empty()));
        HttpServer server = new HttpServer(new ListenAddress("127.0.0.1", 0), new ListenAddress("127.0.0.1", 0), cert,
                routing -> routing.get("/login", (req, res) -> {
                    SessionCookies.write(res, local.issue("k1", "c1", null, Instant.now(), local.secure(req)));
                    res.send("ok");
                })).start();
        try (HttpClient http = HttpClient.newHttpClient(); HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).build()) {
            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/login")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> forwarded = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/login")).header("X-Forwarded-Proto", "https").build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> tls = https.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.httpsPort() + "/login")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(plain.headers().allValues("Set-Cookie")).hasSize(2)
                    .anySatisfy(c -> assertThat(c).startsWith("gatehouse_session=k1;").contains("HttpOnly"))
                    .anySatisfy(c -> assertThat(c).startsWith("gatehouse_csrf=c1;").doesNotContain("HttpOnly"))
                    .allSatisfy(c -> assertThat(c).contains("SameSite=Lax").doesNotContain("Secure"));
            assertThat(forwarded.headers().allValues("Set-Cookie")).hasSize(2).allSatisfy(c -> assertThat(c).contains("; Secure"));
            assertThat(tls.headers().allValues("Set-Cookie")).hasSize(2).allSatisfy(c -> assertThat(c).contains("; Secure"));
        } finally {
            server.stop();
        }
    }

    private static SSLContext trusting(SelfSignedCertificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("test", cert.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}
