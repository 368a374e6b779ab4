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
 * WebAuthn in real headless Chromium (Debian's {@code /usr/bin/chromium}) with a CDP virtual authenticator (CTAP2,
 * internal transport, resident keys, user verification): {@code node --test browser-tests/webauthn.test.mjs} against a
 * real server on {@code http://localhost:<port>} signs in with the password, registers a passkey through
 * default-authenticator-webauthn-setup, signs out and signs in again with the passkey alone, then with the password,
 * after which the validate stage asks for the same key. Screenshots of the setup, login and validate cards are kept
 * in {@code target/browser-artifacts/}.
 */
class BrowserWebAuthnIT {
    private static final String TEST = "webauthn.test.mjs";
    private static final List<String> SCREENSHOTS = List.of("webauthn-setup.png", "webauthn-login.png",
            "webauthn-validate.png");

    @TempDir
    Path dir;

    @Test
    void passkeyEnrolmentAndPasswordlessLoginInHeadlessChromium() throws Exception {
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
