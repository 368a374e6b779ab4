package dev.gatehouse.stage.password;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.flow.engine.StageType;
import java.util.List;

/** Checks the pending user's password against the selected backends. */
public final class PasswordStageType implements StageType {
    public static final String NAME = "password";
    public static final String INBUILT = "authentik.core.auth.InbuiltBackend";
    /** The user's app passwords ({@link TokenBackend}). */
    public static final String TOKEN = "authentik.core.auth.TokenBackend";
    /** What the default password stage lists, as authentik's default blueprint: password, then app passwords. */
    public static final List<String> DEFAULT_BACKENDS = List.of(INBUILT, TOKEN);
    public static final List<String> BACKENDS = List.of(INBUILT, TOKEN,
            "authentik.sources.ldap.auth.LDAPBackend", "authentik.sources.kerberos.auth.KerberosBackend");

    @Override
    public String name() {
        return NAME;
    }

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(List<String> backends, int failedAttemptsBeforeCancel, boolean allowShowPassword) {
        public static final Field<List<String>> BACKENDS = Field.subsetOf("backends", PasswordStageType.BACKENDS).byDefault(List.of(INBUILT))
                .help("Where passwords are checked, in this order: the user's password (InbuiltBackend), the user's "
                        + "app passwords (TokenBackend). The LDAP and Kerberos source backends are accepted for "
                        + "compatibility and check nothing.");
        public static final Field<Integer> FAILED_ATTEMPTS_BEFORE_CANCEL = Field.int32("failed_attempts_before_cancel").min(0).byDefault(5)
                .help("Wrong passwords before the flow is cancelled.");
        public static final Field<Boolean> ALLOW_SHOW_PASSWORD = Field.bool("allow_show_password").byDefault(false);

        public static final Definition<Config> DEFINITION = Definition.define("password_stage", "PasswordStage")
                .field(BACKENDS, FAILED_ATTEMPTS_BEFORE_CANCEL, ALLOW_SHOW_PASSWORD)
                .build(v -> new Config(v.value(BACKENDS), v.value(FAILED_ATTEMPTS_BEFORE_CANCEL), v.value(ALLOW_SHOW_PASSWORD)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    @Override
    public void validate(ConfigCheck c) {
        if (c.value("backends") instanceof List<?> l && l.isEmpty()) {
            c.error("backends", "This list may not be empty.");
        }
    }

    private static final PasswordStageView VIEW = new PasswordStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView<?> view() {
        return VIEW;
    }
}
