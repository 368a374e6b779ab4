package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enforced TOTP enrollment in real headless Chromium with JavaScript off (issue 6, seed 004): the default
 * validate stage is set through the API as the seed does (configure, TOTP only, the TOTP setup stage offered),
 * then {@code node --test browser-tests/mfa.test.mjs} logs a new user in twice: the first login sets TOTP up, the
 * second asks for a code. Screenshots {@code totp-setup.png} and {@code totp-validate.png}.
 */
class BrowserMfaIT {
    private static final String TEST = "mfa.test.mjs";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void firstLoginForcesTotpSetupSecondAsksForACode() throws Exception {
        BrowserTests.installPackages(dir);
        String token = "tok-" + BrowserTests.random() + BrowserTests.random() + BrowserTests.random() + BrowserTests.random();
        Map<String, String> env = new LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("data")));
        env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", "pw-" + BrowserTests.random());
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", token);
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server")) {
            server.awaitReady();
            String base = "http://localhost:" + server.httpPort() + "/api/v3/";
            String totpSetup = api(base, token, "GET", "stages/all/?name=default-authenticator-totp-setup", null)
                    .get("results").get(0).get("pk").asString();
            String validate = api(base, token, "GET", "stages/all/?name=default-authentication-mfa-validation", null)
                    .get("results").get(0).get("pk").asString();
            api(base, token, "PATCH", "stages/authenticator/validate/" + validate + "/", Map.of(
                    "not_configured_action", "configure", "device_classes", List.of("totp"),
                    "configuration_stages", List.of(totpSetup)));
            String password = "user-pw-" + BrowserTests.random();
            long user = api(base, token, "POST", "core/users/", Map.of("username", "mfa-browser", "name", "MFA Browser"))
                    .get("pk").asLong();
            api(base, token, "POST", "core/users/" + user + "/set_password/", Map.of("password", password));

            BrowserTests.Result node = BrowserTests.nodeTest(dir, TEST, Map.of(
                    "GATEHOUSE_URL", "http://localhost:" + server.httpPort(),
                    "GATEHOUSE_USER", "mfa-browser",
                    "GATEHOUSE_PASSWORD", password));
            BrowserTests.assertAllPassed(node, TEST, server.stderr());
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).as(server.stderr()).isIn(0, 143);
        }
        BrowserTests.assertScreenshotsKept(List.of("totp-setup.png", "totp-validate.png"));
    }


    private static JsonNode api(String base, String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20));
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 204);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
