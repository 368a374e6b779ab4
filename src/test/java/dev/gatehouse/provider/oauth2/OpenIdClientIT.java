package dev.gatehouse.provider.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import dev.gatehouse.web.BrowserTests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider against openid-client (npm, a certified relying-party library): a real server process, a
 * confidential provider and its application created through the REST API with the bootstrap token, then
 * {@code node --test browser-tests/openid-client.test.mjs} (discovery, code flow with PKCE S256, id_token
 * validation, userinfo, refresh rotation, a tampered state) against {@code http://localhost:<port>}.
 */
class OpenIdClientIT {
    private static final String TEST = "openid-client.test.mjs";
    private static final String SLUG = "openid-client-rp";
    private static final String EMAIL = "admin@example.org";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void openIdClientCodeFlowUserinfoAndRefreshRotation() throws Exception {
        BrowserTests.installPackages(dir);

        String password = "pw-" + random();
        String token = "tk-" + random();
        Map<String, String> env = new LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("data")));
        env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", password);
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", token);
        env.put("GATEHOUSE_BOOTSTRAP_EMAIL", EMAIL);
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server");
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            server.awaitReady();
            String base = "http://localhost:" + server.httpPort();
            Api api = new Api(http, base, token);

            String flow = api.send("GET", "/api/v3/flows/instances/default-provider-authorization-implicit-consent/",
                    null, 200).get("pk").asString();
            JsonNode provider = api.send("POST", "/api/v3/providers/oauth2/", Map.of("name", "openid-client RP",
                    "authorization_flow", flow, "client_type", "confidential", "redirect_uris",
                    List.of(Map.of("matching_mode", "strict", "url", base + "/rp/callback"))), 201);
            api.send("POST", "/api/v3/core/applications/", Map.of("name", "openid-client RP", "slug", SLUG,
                    "provider", provider.get("pk").asLong()), 201);
            String secret = api.send("GET", "/api/v3/providers/oauth2/" + provider.get("pk").asLong() + "/", null, 200)
                    .get("client_secret").asString();

            BrowserTests.Result node = BrowserTests.nodeTest(dir, TEST, Map.of(
                    "GATEHOUSE_URL", base,
                    "GATEHOUSE_ISSUER", base + "/application/o/" + SLUG + "/",
                    "GATEHOUSE_CLIENT_ID", provider.get("client_id").asString(),
                    "GATEHOUSE_CLIENT_SECRET", secret,
                    "GATEHOUSE_USER", "akadmin",
                    "GATEHOUSE_PASSWORD", password,
                    "GATEHOUSE_EMAIL", EMAIL));
            BrowserTests.assertAllPassed(node, TEST, server.stderr());
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).as(server.stderr()).isIn(0, 143);
        }
    }

    private static String random() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** JSON over the REST API with the bootstrap token. */
    private record Api(HttpClient http, String base, String token) {
        JsonNode send(String method, String path, Object body, int expected) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json");
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("%s %s -> %s", method, path, r.body()).isEqualTo(expected);
            return JSON.readTree(r.body());
        }
    }
}
