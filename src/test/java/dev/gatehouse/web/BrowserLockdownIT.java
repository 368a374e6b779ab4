package dev.gatehouse.web;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Lock my account" in real headless Chromium ({@code browser-tests/lockdown.test.mjs}) against a server process: the
 * user signs in, locks the account with a reason, ends on the locked page and cannot sign in again. Screenshots of
 * the portal's lockdown section, the confirmation and the locked page are kept in {@code target/browser-artifacts/}.
 */
class BrowserLockdownIT {
    private static final List<String> SCREENSHOTS = List.of("lockdown-portal.png", "lockdown-portal-phone.png",
            "lockdown-confirm.png", "lockdown-confirm-phone.png", "lockdown-locked.png", "lockdown-locked-phone.png");

    @TempDir
    Path dir;

    @Test
    void lockMyAccountInHeadlessChromium() throws Exception {
        BrowserTests.runAgainstFreshServer(dir, "lockdown.test.mjs", SCREENSHOTS);
    }
}
