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
 * password change, source enrollment): field key, label, type, order and placeholder as there, all required.
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

    private record Spec(String fieldKey, String label, String type, int order, String placeholder) {
    }

    private static final Map<String, Spec> SPECS = Map.of(
            USER_SETTINGS_USERNAME, new Spec("username", "Username", "username", 200, "Username"),
            USER_SETTINGS_NAME, new Spec("name", "Name", "text", 201, "Name"),
            USER_SETTINGS_EMAIL, new Spec("email", "Email", "email", 202, "Email"),
            SETUP_EMAIL, new Spec("email", "Email", "email", 101, "Admin email"),
            SETUP_PASSWORD, new Spec("password", "Password", "password", 300, "Password"),
            SETUP_PASSWORD_REPEAT, new Spec("password_repeat", "Password (repeat)", "password", 301, "Password (repeat)"),
            PASSWORD_CHANGE_PASSWORD, new Spec("password", "Password", "password", 300, "Password"),
            PASSWORD_CHANGE_PASSWORD_REPEAT, new Spec("password_repeat", "Password (repeat)", "password", 301,
                    "Password (repeat)"),
            SOURCE_ENROLLMENT_USERNAME, new Spec("username", "Username", "username", 100, "Username"));

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
                    true, s.placeholder(), "", "", s.order(), false, false, List.of()));
            EventLog.modelCreated(dsl, Actor.SYSTEM, "prompt", p.pk(), p.name());
            return p.pk();
        });
    }
}
