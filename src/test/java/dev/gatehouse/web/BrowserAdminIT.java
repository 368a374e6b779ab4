package dev.gatehouse.web;

import java.nio.file.Path;
import java.util.List;
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
        BrowserTests.runAgainstFreshServer(dir, TEST, SCREENSHOTS);
    }
}
