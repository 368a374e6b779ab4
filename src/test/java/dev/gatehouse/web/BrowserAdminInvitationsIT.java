package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's invitation link clicked in real headless Chromium ({@code browser-tests/admin-invitations.test.mjs})
 * against a real server process: Directory → Invitations → Create (name, expiry, the enrollment-invitation flow,
 * single use), the link read from the invitation's page, the enrollment form it opens with the fixed data filled in,
 * and the refusal of its second use. Screenshots are kept in {@code target/browser-artifacts/}.
 */
class BrowserAdminInvitationsIT {
    private static final String TEST = "admin-invitations.test.mjs";
    private static final List<String> SCREENSHOTS = List.of("admin-invitation-create.png",
            "admin-invitation-create-phone.png", "admin-invitation.png", "admin-invitation-phone.png",
            "invitation-enrollment.png", "invitation-enrollment-phone.png", "invitation-used.png",
            "invitation-used-phone.png");

    @TempDir
    Path dir;

    @Test
    void seed004InvitationLinkInHeadlessChromium() throws Exception {
        BrowserTests.installPackages(dir);

        String password = "pw-" + BrowserTests.random();
        String token = "tk-" + BrowserTests.random();
        Map<String, String> env = new LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("data")));
        env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", password);
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", token);
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server")) {
            server.awaitReady();
            BrowserTests.Result node = BrowserTests.nodeTest(dir, TEST, Map.of(
                    "GATEHOUSE_URL", "http://localhost:" + server.httpPort(),
                    "GATEHOUSE_USER", "akadmin",
                    "GATEHOUSE_PASSWORD", password,
                    "GATEHOUSE_TOKEN", token));
            BrowserTests.assertAllPassed(node, TEST, server.stderr());
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).as(server.stderr()).isIn(0, 143);
        }
        BrowserTests.assertScreenshotsKept(SCREENSHOTS);
    }

}
