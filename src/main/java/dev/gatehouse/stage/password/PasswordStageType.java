package dev.gatehouse.stage.password;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.stage.StageType;
import java.util.List;
import java.util.Map;

/** Checks the pending user's password against the selected backends. */
public final class PasswordStageType implements StageType {
    public static final String NAME = "password";
    public static final String INBUILT = "authentik.core.auth.InbuiltBackend";
    public static final List<String> BACKENDS = List.of(INBUILT, "authentik.core.auth.TokenBackend",
            "authentik.sources.ldap.auth.LDAPBackend", "authentik.sources.kerberos.auth.KerberosBackend");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("backends", List.of(INBUILT), "failed_attempts_before_cancel", 5,
                "allow_show_password", false);
    }

    @Override
    public void validate(ConfigCheck c) {
        List<String> backends = c.subsetOf("backends", BACKENDS);
        if (backends != null && backends.isEmpty()) {
            c.error("backends", "This list may not be empty.");
        }
        c.integer("failed_attempts_before_cancel", 0);
        c.bool("allow_show_password");
    }

    private static final PasswordStageView VIEW = new PasswordStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView view() {
        return VIEW;
    }
}
