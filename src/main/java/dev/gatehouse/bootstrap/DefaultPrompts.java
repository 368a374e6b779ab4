package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.stage.prompt.Prompt;
import dev.gatehouse.stage.prompt.PromptStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.DSLContext;

/**
 * The prompts of authentik's default blueprints, by the names it gives them (user settings, the out-of-box setup,
 * password change, source enrollment): field key, label, type, order and placeholder as there, all required; and
 * those of the account lockdown flows: a warning and a completion message (static text) and the reason.
 * A prompt is created the first time a default flow needs it and then belongs to the admin: one found by its name is
 * used as it is.
 */
final class DefaultPrompts {
    static final String USER_SETTINGS_USERNAME = "default-user-settings-field-username";
    static final String USER_SETTINGS_NAME = "default-user-settings-field-name";
    static final String USER_SETTINGS_EMAIL = "default-user-settings-field-email";
    static final String SETUP_EMAIL = "initial-setup-field-email";
    static final String SETUP_PASSWORD = "initial-setup-field-password";
    static final String SETUP_PASSWORD_REPEAT = "initial-setup-field-password-repeat";
    static final String PASSWORD_CHANGE_PASSWORD = "default-password-change-field-password";
    static final String PASSWORD_CHANGE_PASSWORD_REPEAT = "default-password-change-field-password-repeat";
    static final String SOURCE_ENROLLMENT_USERNAME = "default-source-enrollment-field-username";
    static final String LOCKDOWN_WARNING = "default-account-lockdown-field-warning";
    static final String LOCKDOWN_REASON = "default-account-lockdown-field-reason";
    static final String LOCKDOWN_COMPLETE = "default-account-lockdown-complete-field-message";
    static final String LOCKDOWN_WARNING_TEXT = "This locks the account at once: it is deactivated, its password stops "
            + "working, and every session, app password, API token and application sign-in of it ends. Only an "
            + "administrator can unlock it.";
    static final String LOCKDOWN_COMPLETE_TEXT = "Your account has been locked. Every session and token of it has "
            + "ended and it can no longer sign in. Contact your administrator to regain access.";

    /** {@code initialValue} is what a static field shows; {@code required} is false only for those. */
    private record Spec(String fieldKey, String label, String type, int order, String placeholder, boolean required,
                        String initialValue) {
        Spec(String fieldKey, String label, String type, int order, String placeholder) {
            this(fieldKey, label, type, order, placeholder, true, "");
        }
    }

    private static final Map<String, Spec> SPECS = Map.ofEntries(
            Map.entry(USER_SETTINGS_USERNAME, new Spec("username", "Username", "username", 200, "Username")),
            Map.entry(USER_SETTINGS_NAME, new Spec("name", "Name", "text", 201, "Name")),
            Map.entry(USER_SETTINGS_EMAIL, new Spec("email", "Email", "email", 202, "Email")),
            Map.entry(SETUP_EMAIL, new Spec("email", "Email", "email", 101, "Admin email")),
            Map.entry(SETUP_PASSWORD, new Spec("password", "Password", "password", 300, "Password")),
            Map.entry(SETUP_PASSWORD_REPEAT, new Spec("password_repeat", "Password (repeat)", "password", 301,
                    "Password (repeat)")),
            Map.entry(PASSWORD_CHANGE_PASSWORD, new Spec("password", "Password", "password", 300, "Password")),
            Map.entry(PASSWORD_CHANGE_PASSWORD_REPEAT, new Spec("password_repeat", "Password (repeat)", "password", 301,
                    "Password (repeat)")),
            Map.entry(SOURCE_ENROLLMENT_USERNAME, new Spec("username", "Username", "username", 100, "Username")),
            Map.entry(LOCKDOWN_WARNING, new Spec("warning", "Warning", "static", 0, "", false, LOCKDOWN_WARNING_TEXT)),
            Map.entry(LOCKDOWN_REASON, new Spec("reason", "Reason", "text_area", 1,
                    "Why are you locking this account? (recorded in the event log)")),
            Map.entry(LOCKDOWN_COMPLETE, new Spec("message", "Account locked", "static", 0, "", false,
                    LOCKDOWN_COMPLETE_TEXT)));

    private DefaultPrompts() {
    }

    /** Every default prompt's name. */
    static List<String> names() {
        return SPECS.keySet().stream().sorted().toList();
    }

    /** The pks of the named prompts, in the order given, each created from its default when missing. */
    static List<String> pks(DSLContext dsl, String... names) {
        return Stream.of(names).map(n -> ensure(dsl, n).toString()).toList();
    }

    private static UUID ensure(DSLContext dsl, String name) {
        return new PromptStore(dsl).byName(name).map(Prompt::pk).orElseGet(() -> {
            Spec s = SPECS.get(name);
            Prompt p = new PromptStore(dsl).insert(new Prompt(UUID.randomUUID(), name, s.fieldKey(), s.label(), s.type(),
                    s.required(), s.placeholder(), s.initialValue(), "", s.order(), false, false, List.of()));
            EventLog.modelCreated(dsl, Actor.SYSTEM, "prompt", p.pk(), p.name());
            return p.pk();
        });
    }
}
