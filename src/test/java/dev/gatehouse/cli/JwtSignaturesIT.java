package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JWTs signed by the native provider when its library loads, and by the JDK's when it cannot (a JVM that denies
 * native access): either way the server starts, says in its start log and metrics which provider signs, and issues
 * client_credentials tokens a relying party verifies against the JWKS.
 */
class JwtSignaturesIT {
    private static final String TOKEN = "jwt-signatures-bootstrap-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Map<String, String> env() {
        Map<String, String> env = GatehouseProcess.serverEnv(dir.resolve("data"));
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", TOKEN);
        return env;
    }

    @Test
    void theNativeProviderSignsWhenItsLibraryLoads() throws Exception {
        try (GatehouseProcess server = GatehouseProcess.start(dir, env(), "server")) {
            server.awaitReady();
            server.awaitStderr("JWT signatures: AmazonCorrettoCryptoProvider 2.5.0 (native)");
            issuesVerifiableTokens(server, "provider=\"AmazonCorrettoCryptoProvider 2.5.0 (native)\"");
            server.terminate();
        }
    }

    @Test
    void theJdkProviderSignsWhenTheNativeLibraryCannotLoad() throws Exception {
        try (GatehouseProcess server = GatehouseProcess.startJar(dir, env(),
                List.of("--illegal-native-access=deny", "-Xmx256m"), "server")) {
            server.awaitReady();
            server.awaitStderr("JWT signatures: JDK SunRsaSign");
            assertThat(server.stderr()).contains("native JWT signatures unavailable");
            issuesVerifiableTokens(server, "provider=\"JDK SunRsaSign\"");
            server.terminate();
        }
    }

    @Test
    void cryptoNativeOffChoosesTheJdkProvider() throws Exception {
        Map<String, String> env = env();
        env.put("GATEHOUSE_CRYPTO__NATIVE", "false");
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server")) {
            server.awaitReady();
            server.awaitStderr("JWT signatures: JDK SunRsaSign");
            assertThat(server.stderr()).doesNotContain("native JWT signatures unavailable");
            server.terminate();
        }
    }

    private static void issuesVerifiableTokens(GatehouseProcess server, String metricsProvider) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String base = server.httpBase();
            String metrics = send(http, HttpRequest.newBuilder(URI.create(base + "/-/metrics/"))).body();
            assertThat(metrics).contains("gatehouse_jwt_signature_provider{" + metricsProvider + "} 1.0");
            String flow = api(http, base, "GET", "/api/v3/flows/instances/default-provider-authorization-implicit-consent/",
                    null).get("pk").asText();
            JsonNode provider = api(http, base, "POST", "/api/v3/providers/oauth2/", Map.of("name", "signed",
                    "authorization_flow", flow, "client_type", "confidential", "redirect_uris", List.of()));
            api(http, base, "POST", "/api/v3/core/applications/", Map.of("name", "Signed", "slug", "signed",
                    "provider", provider.get("pk").asLong()));
            String form = "grant_type=client_credentials&scope=" + URLEncoder.encode("openid profile",
                    StandardCharsets.UTF_8) + "&client_id=" + provider.get("client_id").asText() + "&client_secret="
                    + URLEncoder.encode(provider.get("client_secret").asText(), StandardCharsets.UTF_8);
            HttpResponse<String> token = send(http, HttpRequest.newBuilder(URI.create(base + "/application/o/token/"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            JsonNode tokens = JSON.readTree(token.body());
            DefaultJWTProcessor<SecurityContext> rp = new DefaultJWTProcessor<>();
            rp.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, JWKSourceBuilder
                    .create(URI.create(base + "/application/o/signed/jwks/").toURL()).build()));
            for (String name : List.of("access_token", "id_token")) {
                JWTClaimsSet claims = rp.process(tokens.get(name).asText(), null);
                assertThat(claims.getSubject()).as(name).isNotBlank();
            }
        }
    }

    private static JsonNode api(HttpClient http, String base, String method, String path, Object body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> r = send(http, b);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
