package dev.gatehouse.web;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications in real headless Chromium with JavaScript off ({@code browser-tests/notifications.test.mjs}) against a
 * real server process: a rule turns failed sign-ins into notifications, the header counts the unseen ones, and the
 * notifications page marks them seen with plain form posts. Screenshots are kept in {@code target/browser-artifacts/}.
 */
class BrowserNotificationsIT {
    private static final String TEST = "notifications.test.mjs";
    private static final List<String> SCREENSHOTS = List.of("user-notifications.png", "user-notifications-phone.png",
            "user-notifications-seen.png", "user-notifications-seen-phone.png", "admin-notification-rule.png",
            "admin-notification-rule-phone.png");

    @TempDir
    Path dir;

    @Test
    void notificationsPageInHeadlessChromium() throws Exception {
        BrowserTests.runAgainstFreshServer(dir, TEST, SCREENSHOTS);
    }
}
