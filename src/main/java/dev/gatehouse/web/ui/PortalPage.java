package dev.gatehouse.web.ui;

import java.util.List;

/** The user portal: who is signed in and the applications they may open. */
public record PortalPage(String brandTitle, String displayName, List<App> apps) {

    /** One application tile; {@code launchUrl} null when the application has none. */
    public record App(String name, String launchUrl, String description, String group, boolean openInNewTab) {
    }
}
