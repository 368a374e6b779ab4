package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004 "Authentik Setup" clicked in real headless Chromium ({@code browser-tests/admin-directory.test.mjs})
 * against a real server process: create a user, add it to authentik Admins, set its password, sign in as it,
 * deactivate akadmin, whose sign-in is then refused; a user page's recovery link and ending a session from it.
 * Screenshots of the user page, the group page and the create form are kept in {@code target/browser-artifacts/}.
 */
class BrowserAdminDirectoryIT {
    private static final String TEST = "admin-directory.test.mjs";
    private static final List<String> SCREENSHOTS = List.of("admin-user.png", "admin-user-phone.png", "admin-group.png",
            "admin-group-phone.png", "admin-user-create.png", "admin-user-create-phone.png");

    @TempDir
    Path dir;

    @Test
    void seed004AuthentikSetupInHeadlessChromium() throws Exception {
        BrowserTests.installPackages(dir);

        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = "pw-" + HexFormat.of().formatHex(random);
        Map<String, String> env = new LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("data")));
        env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", password);
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server")) {
            server.awaitReady();
            BrowserTests.Result node = BrowserTests.nodeTest(dir, TEST, Map.of(
                    "GATEHOUSE_URL", "http://localhost:" + server.httpPort(),
                    "GATEHOUSE_USER", "akadmin",
                    "GATEHOUSE_PASSWORD", password));
            BrowserTests.assertAllPassed(node, TEST, server.stderr());
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).as(server.stderr()).isIn(0, 143);
        }
        BrowserTests.assertScreenshotsKept(SCREENSHOTS);
    }
}
