package dev.gatehouse.web.user;

import java.util.List;
import java.util.Map;

/**
 * The user interface, one page in sections: the application tiles, then the settings — profile, password,
 * authenticators, app passwords and API tokens, sessions, consents, and "Lock my account" when the brand has a
 * lockdown flow ({@code canLockDown}). Every form carries the session's {@code csrf} token. {@code notice} confirms
 * the last action; {@code newToken} is a key just created, shown this once; {@code unseenNotifications} counts
 * the user's notifications not yet seen (the header's link shows it).
 */
public record PortalPage(String brandTitle, String displayName, String csrf, String logoutAction, List<App> apps,
                         Profile profile, String passwordChangeUrl, List<DeviceRow> devices, List<Enroll> enroll,
                         List<TokenRow> tokens, NewToken newToken, TokenForm tokenForm, List<SessionRow> sessions,
                         List<ConsentRow> consents, List<FooterLink> footerLinks, String notice,
                         boolean superuser, boolean canLockDown, int unseenNotifications) {

    /** One application tile; {@code launchUrl} null when the application has none that can be opened. */
    public record App(String name, String launchUrl, String description, String publisher, String icon,
                      boolean openInNewTab, String initial) {
    }

    /** The profile form: the values shown, which fields the user may change, and errors by field name. */
    public record Profile(String username, String name, String email, boolean canName, boolean canEmail,
                          boolean canUsername, Map<String, String> errors) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    /** One device of the user; {@code action} is the base path of its forms, {@code maxName} its class's name limit. */
    public record DeviceRow(String deviceClass, long pk, String name, String verboseName, String created,
                            String lastUsed, String action, int maxName) {
    }

    /** A setup flow the user can run to add a device of a class. */
    public record Enroll(String label, String url) {
    }

    /** One of the user's app passwords or API tokens. */
    public record TokenRow(String identifier, String kind, String description, String expires, String deleteAction) {
    }

    /** A token just created: its key, shown once. */
    public record NewToken(String identifier, String kind, String key) {
    }

    /** The create-token form as last submitted (empty at first), with its errors by field name. */
    public record TokenForm(String identifier, String description, String intent, String expiresIn,
                            Map<String, String> errors) {
        public static final TokenForm EMPTY = new TokenForm("", "", "app_password", "30", Map.of());

        public String error(String field) {
            return errors.get(field);
        }
    }

    /** One signed-in browser of the user; {@code current} is this one (it is ended by logging out). */
    public record SessionRow(String browser, String clientIp, String lastUsed, String created, boolean current,
                             String endAction) {
    }

    /** A consent given to an application. */
    public record ConsentRow(String application, String permissions, String expires, String given,
                             String revokeAction) {
    }

    /** A link from the system settings' footer links; {@code href} null shows the name as text. */
    public record FooterLink(String name, String href) {
    }
}
