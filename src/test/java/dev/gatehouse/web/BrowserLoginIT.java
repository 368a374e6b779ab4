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
 * The browser login in real headless Chromium (Debian's {@code /usr/bin/chromium}, driven by
 * {@code playwright-core} from {@code browser-tests/}): a real server process, then
 * {@code node --test browser-tests/login.test.mjs} against {@code http://localhost:<port>}. The node tests'
 * screenshots of the login card are kept in {@code target/browser-artifacts/}.
 */
class BrowserLoginIT {
    private static final String TEST = "login.test.mjs";
    private static final List<String> SCREENSHOTS = List.of("login-card.png", "login-card-phone.png", "logout-confirm.png",
            "logout-confirm-phone.png");

    @TempDir
    Path dir;

    @Test
    void loginLogoutAndNoScriptLoginInHeadlessChromium() throws Exception {
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
