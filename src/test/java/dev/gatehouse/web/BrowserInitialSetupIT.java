package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code initial-setup} flow in real headless Chromium: two fresh server processes started without
 * GATEHOUSE_BOOTSTRAP_PASSWORD (a setup can happen once per server: the first for the setup with JavaScript,
 * its errors, the refusal afterwards and the login with the new password; the second for the same setup with
 * JavaScript disabled), then {@code node --test browser-tests/initial-setup.test.mjs} against both. The
 * screenshots of the setup form are kept in {@code target/browser-artifacts/}.
 */
class BrowserInitialSetupIT {
    private static final String TEST = "initial-setup.test.mjs";
    private static final List<String> SCREENSHOTS = List.of("initial-setup-card.png", "initial-setup-phone.png");

    @TempDir
    Path dir;

    @Test
    void initialSetupErrorsSetupRefusalAndLoginInHeadlessChromium() throws Exception {
        BrowserTests.installPackages(dir);

        try (GatehouseProcess server = GatehouseProcess.start(dir.resolve("js"),
                        GatehouseProcess.serverEnv(dir.resolve("js/data")), "server");
                GatehouseProcess noScript = GatehouseProcess.start(dir.resolve("noscript"),
                        GatehouseProcess.serverEnv(dir.resolve("noscript/data")), "server")) {
            for (GatehouseProcess s : List.of(server, noScript)) {
                s.awaitReady();
                // where to start, before any browser: akadmin has no usable password without the bootstrap one
                s.awaitStderr("Start here: open http://127.0.0.1:" + s.httpPort()
                        + "/if/flow/initial-setup/ to set the password of akadmin");
            }
            BrowserTests.Result node = BrowserTests.nodeTest(dir, TEST, Map.of(
                    "GATEHOUSE_URL", "http://localhost:" + server.httpPort(),
                    "GATEHOUSE_NOSCRIPT_URL", "http://localhost:" + noScript.httpPort()));
            BrowserTests.assertAllPassed(node, TEST,
                    server.stderr() + "\nno-JavaScript server stderr:\n" + noScript.stderr());
            assertThat(node.output()).as("the no-JavaScript setup ran and passed")
                    .containsPattern("(?m)^\u2714 the initial setup works with JavaScript disabled");
            for (GatehouseProcess s : List.of(server, noScript)) {
                s.terminate();
                assertThat(s.awaitExit(Duration.ofSeconds(20))).as(s.stderr()).isIn(0, 143);
            }
        }
        BrowserTests.assertScreenshotsKept(SCREENSHOTS);
    }
}
