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
 * The admin interface's generic pages in real headless Chromium ({@code browser-tests/admin.test.mjs}) against a
 * real server process: menu, forms with errors beside inputs, phone width, keyboard, no JavaScript, escaping, and
 * the 403 page. Screenshots at 1280 and 390 px are kept in {@code target/browser-artifacts/}.
 */
class BrowserAdminIT {
    private static final String TEST = "admin.test.mjs";
    private static final List<String> SCREENSHOTS = List.of("admin-overview.png", "admin-overview-phone.png",
            "admin-form-error.png", "admin-form-error-phone.png", "admin-user-detail.png", "admin-user-detail-phone.png",
            "admin-users-list.png", "admin-users-list-phone.png", "admin-groups-phone-menu.png", "admin-escaped.png",
            "admin-forbidden.png", "admin-forbidden-phone.png");

    @TempDir
    Path dir;

    @Test
    void genericAdminPagesInHeadlessChromium() throws Exception {
        BrowserTests.installPackages(dir);
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = "pw-" + HexFormat.of().formatHex(random);
        String token = "tok-" + HexFormat.of().formatHex(random) + HexFormat.of().formatHex(random);
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
