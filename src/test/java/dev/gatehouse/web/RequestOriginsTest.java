package dev.gatehouse.web;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.JSON;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.testing.RawHttp;
import dev.gatehouse.testing.TestServer;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * How a request reached Gatehouse is decided in one place ({@link RequestOrigins}): {@code X-Forwarded-Host} and
 * {@code X-Forwarded-Proto} count only from a trusted proxy, and a configured external URL fixes the OIDC issuer and
 * the WebAuthn relying party whatever {@code Host} says. Both servers trust only 127.0.0.1; requests from 127.0.0.2
 * (also loopback on Linux) are a client on the LAN talking to Gatehouse directly.
 */
class RequestOriginsTest {
    private static final String EXTERNAL = "https://auth.example.org";
    private static final InetAddress PROXY = address("127.0.0.1");
    private static final InetAddress STRANGER = address("127.0.0.2");
    private static TestServer proxied;
    private static TestServer external;

    @BeforeAll
    static void start() {
        proxied = TestServer.start(Map.of("listen.trusted_proxy_cidrs", "127.0.0.1/32"));
        external = TestServer.start(Map.of("listen.trusted_proxy_cidrs", "127.0.0.1/32", "external_url", EXTERNAL + "/"));
        for (TestServer s : List.of(proxied, external)) {
            oauth2App(s, "origin-app");
        }
        expect(proxied.send("POST", "/api/v3/providers/proxy/", ADMIN, obj("name", "proxy mode", "authorization_flow",
                flow(proxied), "mode", "proxy", "external_host", "http://proxied.test", "internal_host",
                "http://127.0.0.1:9")), 201);
        expect(proxied.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", "Proxied", "slug", "proxied",
                "provider", expect(proxied.get("/api/v3/providers/proxy/?name=proxy%20mode", ADMIN), 200)
                        .get("results").get(0).get("pk").asLong())), 201);
    }

    @AfterAll
    static void stop() {
        proxied.close();
        external.close();
    }

    private static InetAddress address(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    private static String flow(TestServer s) {
        return expect(s.get("/api/v3/flows/instances/default-provider-authorization-implicit-consent/", ADMIN), 200)
                .get("pk").asString();
    }

    private static void oauth2App(TestServer s, String slug) {
        JsonNode p = expect(s.send("POST", "/api/v3/providers/oauth2/", ADMIN, JSON.writeValueAsString(Map.of(
                "name", "provider " + slug, "authorization_flow", flow(s), "client_type", "confidential",
                "redirect_uris", List.of(Map.of("matching_mode", "strict", "url", "https://rp.example.org/cb"))))), 201);
        expect(s.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", "App " + slug, "slug", slug,
                "provider", p.get("pk").asLong())), 201);
    }

    private static RawHttp.Response get(TestServer s, InetAddress from, String path, String... headers) {
        return RawHttp.send(from, s.gatehouse().httpPort(), "GET", path, null, headers);
    }

    private static String issuer(TestServer s, InetAddress from, String... headers) {
        RawHttp.Response r = get(s, from, "/application/o/origin-app/.well-known/openid-configuration", headers);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("issuer").asString();
    }

    private static String local(TestServer s) {
        return "http://127.0.0.1:" + s.gatehouse().httpPort();
    }

    @Test
    void issuerWhenUntrustedPeerSendsForwardedHostAndProtoThenIgnored() {
        assertThat(issuer(proxied, STRANGER, "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https"))
                .isEqualTo(local(proxied) + "/application/o/origin-app/");
    }

    @Test
    void issuerWhenTrustedProxySendsForwardedHostAndProtoThenHonoured() {
        assertThat(issuer(proxied, PROXY, "X-Forwarded-Host: auth.example.net", "X-Forwarded-Proto: https"))
                .isEqualTo("https://auth.example.net/application/o/origin-app/");
    }

    @Test
    void issuerWhenExternalUrlConfiguredThenNeitherHostNorForwardedHeadersChangeIt() {
        String expected = EXTERNAL + "/application/o/origin-app/";
        assertThat(issuer(external, STRANGER, "Host: evil.example")).isEqualTo(expected);
        assertThat(issuer(external, STRANGER, "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: http"))
                .isEqualTo(expected);
        assertThat(issuer(external, PROXY, "X-Forwarded-Host: other.example", "X-Forwarded-Proto: http"))
                .isEqualTo(expected);
    }

    @Test
    void tokenIssuerWhenExternalUrlConfiguredAndHostForgedThenExternalUrl() throws Exception {
        JsonNode provider = expect(external.get("/api/v3/providers/oauth2/?name=provider%20origin-app", ADMIN), 200)
                .get("results").get(0);
        String basic = Base64.getEncoder().encodeToString((provider.get("client_id").asString() + ":"
                + provider.get("client_secret").asString()).getBytes(StandardCharsets.UTF_8));
        RawHttp.Response r = RawHttp.send(STRANGER, external.gatehouse().httpPort(), "POST", "/application/o/token/",
                "grant_type=client_credentials&scope=openid", "Host: evil.example", "Authorization: Basic " + basic,
                "Content-Type: application/x-www-form-urlencoded");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(r.body());
        String expected = EXTERNAL + "/application/o/origin-app/";
        assertThat(SignedJWT.parse(tokens.get("access_token").asString()).getJWTClaimsSet().getIssuer())
                .isEqualTo(expected);
        assertThat(SignedJWT.parse(tokens.get("id_token").asString()).getJWTClaimsSet().getIssuer())
                .isEqualTo(expected);
    }

    /** The relying party of the passkey challenge the identification stage offers. */
    private static String rpId(TestServer s, InetAddress from, String... headers) {
        RawHttp.Response r = get(s, from, "/api/v3/flows/executor/" + DefaultFlows.AUTHENTICATION + "/?query="
                + URLEncoder.encode("next=/", StandardCharsets.UTF_8), headers);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("passkey_challenge").get("rpId").asString();
    }

    @Test
    void webAuthnRelyingPartyWhenExternalUrlConfiguredThenItsHostWhateverTheRequestSays() {
        assertThat(rpId(external, STRANGER, "Host: evil.example")).isEqualTo("auth.example.org");
        assertThat(rpId(external, PROXY, "X-Forwarded-Host: other.example")).isEqualTo("auth.example.org");
    }

    @Test
    void webAuthnRelyingPartyWhenForwardedHostThenOnlyFromTheTrustedProxy() {
        assertThat(rpId(proxied, STRANGER, "X-Forwarded-Host: evil.example")).isEqualTo("127.0.0.1");
        assertThat(rpId(proxied, PROXY, "X-Forwarded-Host: auth.example.net", "X-Forwarded-Proto: https"))
                .isEqualTo("auth.example.net");
    }

    @Test
    void secureCookiesWhenForwardedProtoHttpsThenOnlyFromTheTrustedProxy() {
        String path = "/if/flow/" + DefaultFlows.AUTHENTICATION + "/";
        List<String> stranger = get(proxied, STRANGER, path, "X-Forwarded-Proto: https").headers("Set-Cookie");
        List<String> proxy = get(proxied, PROXY, path, "X-Forwarded-Proto: https").headers("Set-Cookie");
        assertThat(stranger).isNotEmpty().allSatisfy(c -> assertThat(c).doesNotContain("Secure"));
        assertThat(proxy).isNotEmpty().allSatisfy(c -> assertThat(c).contains("; Secure"));
    }

    @Test
    void proxyModeHostWhenForwardedHostFromUntrustedPeerThenNotThatApplication() {
        RawHttp.Response stranger = get(proxied, STRANGER, "/private/", "X-Forwarded-Host: proxied.test");
        RawHttp.Response proxy = get(proxied, PROXY, "/private/", "X-Forwarded-Host: proxied.test");
        assertThat(proxy.header("Location")).hasValueSatisfying(l -> assertThat(l)
                .startsWith("http://proxied.test/outpost.goauthentik.io/start"));
        assertThat(stranger.header("Location").orElse("")).doesNotContain("proxied.test");
    }
}
