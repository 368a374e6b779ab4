package dev.gatehouse.stage.identification;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.stage.StageType;
import dev.gatehouse.stage.password.PasswordStageType;
import java.util.List;
import java.util.Map;

/** Asks who the user is (username and/or email), optionally with the password on the same form. */
public final class IdentificationStageType implements StageType {
    public static final List<String> USER_FIELDS = List.of("username", "email");

    @Override
    public String name() {
        return "identification";
    }

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("user_fields", USER_FIELDS, "password_stage", null, "enrollment_flow", null,
                "recovery_flow", null, "passwordless_flow", null, "case_insensitive_matching", true,
                "show_matched_user", true, "pretend_user_exists", true);
    }

    @Override
    public void validate(ConfigCheck c) {
        c.subsetOf("user_fields", USER_FIELDS);
        c.stage("password_stage", PasswordStageType.NAME);
        c.flow("enrollment_flow");
        c.flow("recovery_flow");
        c.flow("passwordless_flow");
        c.bool("case_insensitive_matching");
        c.bool("show_matched_user");
        c.bool("pretend_user_exists");
    }

    private static final IdentificationStageView VIEW = new IdentificationStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView view() {
        return VIEW;
    }
}
