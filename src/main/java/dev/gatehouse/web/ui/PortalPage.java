package dev.gatehouse.web.ui;

import java.util.List;

/**
 * The user portal: who is signed in, the applications they may open, and their authenticator devices (settings:
 * rename and delete forms carrying the session's CSRF token, and links to the setup flows), and the one-click
 * log-out form, which posts the same token to the brand's invalidation flow page {@code logoutAction}.
 */
public record PortalPage(String brandTitle, String displayName, List<App> apps, List<DeviceRow> devices,
                         List<Enroll> enroll, String csrf, String logoutAction) {

    /** One device of the user; {@code action} is the base path of its forms, {@code maxName} its class's name limit. */
    public record DeviceRow(String deviceClass, long pk, String name, String verboseName, String created,
                            String lastUsed, String action, int maxName) {
    }

    /** A setup flow the user can run to add a device of a class. */
    public record Enroll(String label, String url) {
    }

    /** One application tile; {@code launchUrl} null when the application has none. */
    public record App(String name, String launchUrl, String description, String group, boolean openInNewTab) {
    }
}
