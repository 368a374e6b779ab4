package dev.gatehouse.web;

import java.nio.file.Path;
import java.util.List;
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
        BrowserTests.runAgainstFreshServer(dir, TEST, SCREENSHOTS);
    }
}
