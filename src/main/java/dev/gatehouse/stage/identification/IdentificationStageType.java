package dev.gatehouse.stage.identification;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.UUID;
import dev.gatehouse.flow.engine.StageType;
import dev.gatehouse.stage.password.PasswordStageType;
import java.util.List;

/** Asks who the user is (username and/or email), optionally with the password on the same form. */
public final class IdentificationStageType implements StageType {
    public static final List<String> USER_FIELDS = List.of("username", "email");

    @Override
    public String name() {
        return "identification";
    }

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(List<String> userFields, UUID passwordStage, UUID enrollmentFlow, UUID recoveryFlow, UUID passwordlessFlow,
                         boolean caseInsensitiveMatching, boolean showMatchedUser, boolean pretendUserExists,
                         boolean enableRememberMe) {
        public static final Field<List<String>> USER_FIELDS = Field.subsetOf("user_fields", IdentificationStageType.USER_FIELDS).byDefault(IdentificationStageType.USER_FIELDS)
                .help("What the user may identify with: username and/or email.");
        public static final Field<UUID> PASSWORD_STAGE = Field.ref("password_stage", "stage").ofSubtype(PasswordStageType.NAME).nullable()
                .help("Asks for the password on the same form.");
        public static final Field<UUID> ENROLLMENT_FLOW = Field.ref("enrollment_flow", "flow").ofSubtype("enrollment").nullable().help("Linked as \"Sign up\".");
        public static final Field<UUID> RECOVERY_FLOW = Field.ref("recovery_flow", "flow").ofSubtype("recovery").nullable().help("Linked as \"Forgot password?\".");
        public static final Field<UUID> PASSWORDLESS_FLOW = Field.ref("passwordless_flow", "flow").ofSubtype("authentication").nullable();
        public static final Field<Boolean> CASE_INSENSITIVE_MATCHING = Field.bool("case_insensitive_matching").byDefault(true);
        public static final Field<Boolean> SHOW_MATCHED_USER = Field.bool("show_matched_user").byDefault(true);
        public static final Field<Boolean> PRETEND_USER_EXISTS = Field.bool("pretend_user_exists").byDefault(true)
                .help("Continue to the password stage for an unknown user, so users cannot be enumerated.");
        public static final Field<Boolean> ENABLE_REMEMBER_ME = Field.bool("enable_remember_me").byDefault(false)
                .help("Show a \"Remember me on this device\" choice: this browser keeps the identifier and fills it in next time.");

        public static final Definition<Config> DEFINITION = Definition.define("identification_stage", "IdentificationStage")
                .field(USER_FIELDS, PASSWORD_STAGE, ENROLLMENT_FLOW, RECOVERY_FLOW, PASSWORDLESS_FLOW, CASE_INSENSITIVE_MATCHING, SHOW_MATCHED_USER, PRETEND_USER_EXISTS, ENABLE_REMEMBER_ME)
                .build(v -> new Config(v.value(USER_FIELDS), v.get(PASSWORD_STAGE), v.get(ENROLLMENT_FLOW), v.get(RECOVERY_FLOW), v.get(PASSWORDLESS_FLOW), v.value(CASE_INSENSITIVE_MATCHING), v.value(SHOW_MATCHED_USER), v.value(PRETEND_USER_EXISTS), v.value(ENABLE_REMEMBER_ME)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    private static final IdentificationStageView VIEW = new IdentificationStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView<?> view() {
        return VIEW;
    }
}
