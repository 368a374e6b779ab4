package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import java.net.http.HttpClient;
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
 * The admin interface's flow, bindings, events and overview pages in real headless Chromium
 * ({@code browser-tests/admin-flows.test.mjs}): a flow's stage bindings clicked through, seed 004's Nextcloud recipe
 * clicked through (its Python mapping pasted as printed) and then proven with openid-client (groups and quota claims for a member, a refusal for a
 * non-member), the event log filtered, and the overview's counts. The two Nextcloud users exist beforehand
 * (created over the API: adding users is another page's recipe). Screenshots are kept in
 * {@code target/browser-artifacts/}.
 */
class BrowserAdminFlowsIT {
    private static final String TEST = "admin-flows.test.mjs";
    private static final List<String> SCREENSHOTS = List.of("admin-flow.png", "admin-flow-phone.png",
            "admin-bindings.png", "admin-bindings-phone.png", "admin-events.png", "admin-events-phone.png",
            "admin-event.png", "admin-event-phone.png", "admin-overview.png", "admin-overview-phone.png",
            "admin-policy-geoip.png", "admin-policy-geoip-phone.png");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void flowBindingsNextcloudRecipeEventsAndOverviewInHeadlessChromium() throws Exception {
        BrowserTests.installPackages(dir);

        String password = "pw-" + BrowserTests.random();
        String token = "tk-" + BrowserTests.random();
        String memberPassword = "nc-" + BrowserTests.random();
        Map<String, String> env = new LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("data")));
        env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", password);
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", token);
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server");
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            server.awaitReady();
            String base = "http://localhost:" + server.httpPort();
            for (String username : List.of("ncuser", "outsider")) {
                JsonNode user = BrowserTests.api(http, base, token, "POST", "/api/v3/core/users/", Map.of("username", username,
                        "name", username.equals("ncuser") ? "Nextcloud Member" : "Out Sider", "type", "internal"), 201);
                BrowserTests.api(http, base, token, "POST", "/api/v3/core/users/" + user.get("pk").asLong() + "/set_password/",
                        Map.of("password", memberPassword), 204);
            }
            BrowserTests.Result node = BrowserTests.nodeTest(dir, TEST, Map.of(
                    "GATEHOUSE_URL", base,
                    "GATEHOUSE_USER", "akadmin",
                    "GATEHOUSE_PASSWORD", password,
                    "GATEHOUSE_MEMBER", "ncuser",
                    "GATEHOUSE_OUTSIDER", "outsider",
                    "GATEHOUSE_MEMBER_PASSWORD", memberPassword,
                    "GATEHOUSE_NEXTCLOUD_MAPPING", GatehouseProcess.root()
                            .resolve("src/test/resources/seeds/nextcloud_profile_mapping.py").toString(),
                    "GATEHOUSE_GEOIP_RULE", GatehouseProcess.root()
                            .resolve("src/test/resources/seeds/geoip_policy.py").toString()));
            BrowserTests.assertAllPassed(node, TEST, server.stderr());
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).as(server.stderr()).isIn(0, 143);
        }
        BrowserTests.assertScreenshotsKept(SCREENSHOTS);
    }


}
