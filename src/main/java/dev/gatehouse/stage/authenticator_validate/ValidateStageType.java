package dev.gatehouse.stage.authenticator_validate;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.definition.Kind;
import dev.gatehouse.core.Timedelta;
import java.util.UUID;
import dev.gatehouse.authenticator.DeviceClasses;
import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.flow.engine.StageType;
import java.util.List;

/**
 * Asks for one of the user's authenticator devices (authentik's {@code AuthenticatorValidateStage}). Config as
 * authentik: {@code device_classes} allowed, {@code not_configured_action} (skip | deny | configure) with the
 * {@code configuration_stages} offered, {@code last_auth_threshold} (a timedelta; 0 asks every time),
 * {@code webauthn_user_verification} and {@code webauthn_allowed_device_types} (for the WebAuthn class).
 */
public final class ValidateStageType implements StageType {
    public static final String NAME = "authenticator_validate";
    public static final List<String> NOT_CONFIGURED_ACTIONS = List.of("skip", "deny", "configure");
    public static final List<String> USER_VERIFICATION = List.of("required", "preferred", "discouraged");
    private static final ValidateStageView VIEW = new ValidateStageView();

    @Override
    public String name() {
        return NAME;
    }

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(String notConfiguredAction, List<String> deviceClasses, List<UUID> configurationStages,
                         String lastAuthThreshold, String webauthnUserVerification, List<Object> webauthnAllowedDeviceTypes) {
        public static final Field<String> NOT_CONFIGURED_ACTION = Field.oneOf("not_configured_action", NOT_CONFIGURED_ACTIONS).byDefault("skip")
                .help("What happens for a user without a device: skip the stage, deny, or configure one.");
        public static final Field<List<String>> DEVICE_CLASSES = Field.subsetOf("device_classes", DeviceClasses.KNOWN).byDefault(DeviceClasses.KNOWN);
        public static final Field<List<UUID>> CONFIGURATION_STAGES = Field.refs("configuration_stages", "stage").ofSubtype("authenticator_*").byDefault(List.of());
        public static final Field<String> LAST_AUTH_THRESHOLD = Field.string("last_auth_threshold").problem(Timedelta::problem).byDefault("seconds=0");
        public static final Field<String> WEBAUTHN_USER_VERIFICATION = Field.oneOf("webauthn_user_verification", USER_VERIFICATION).byDefault("preferred");
        public static final Field<List<Object>> WEBAUTHN_ALLOWED_DEVICE_TYPES = Field.of("webauthn_allowed_device_types", Kind.listOf(Kind.ANY)).byDefault(List.of());

        public static final Definition<Config> DEFINITION = Definition.define("authenticator_validate_stage", "AuthenticatorValidateStage")
                .field(NOT_CONFIGURED_ACTION, DEVICE_CLASSES, CONFIGURATION_STAGES, LAST_AUTH_THRESHOLD, WEBAUTHN_USER_VERIFICATION, WEBAUTHN_ALLOWED_DEVICE_TYPES)
                .build(v -> new Config(v.value(NOT_CONFIGURED_ACTION), v.value(DEVICE_CLASSES), v.value(CONFIGURATION_STAGES), v.value(LAST_AUTH_THRESHOLD), v.value(WEBAUTHN_USER_VERIFICATION), v.value(WEBAUTHN_ALLOWED_DEVICE_TYPES)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    @Override
    public void validate(ConfigCheck c) {
        if (c.value("configuration_stages") instanceof List<?> stages) {
            if (stages.stream().anyMatch(pk -> NAME.equals(c.stageType(pk)))) {
                c.error("configuration_stages", "Invalid pk \"" + stages.stream().filter(pk -> NAME.equals(c.stageType(pk)))
                        .findFirst().orElseThrow() + "\" - object does not exist.");
            } else if ("configure".equals(c.value("not_configured_action")) && stages.isEmpty()) {
                c.error("not_configured_action",
                        "When not_configured_action is configure, configuration_stages must be set.");
            }
        }
    }

    @Override
    public StageView<?> view() {
        return VIEW;
    }

    @Override
    public String apiPath() {
        return "authenticator/validate";
    }

    @Override
    public String modelName() {
        return "authenticatorvalidatestage";
    }
}
