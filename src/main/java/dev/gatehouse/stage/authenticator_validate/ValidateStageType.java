package dev.gatehouse.stage.authenticator_validate;

import dev.gatehouse.authenticator.DeviceClasses;
import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.stage.StageType;
import java.util.List;
import java.util.Map;

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

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("not_configured_action", "skip", "device_classes", DeviceClasses.KNOWN,
                "configuration_stages", List.of(), "last_auth_threshold", "seconds=0",
                "webauthn_user_verification", "preferred", "webauthn_allowed_device_types", List.of());
    }

    @Override
    public void validate(ConfigCheck c) {
        String action = c.oneOf("not_configured_action", NOT_CONFIGURED_ACTIONS);
        c.subsetOf("device_classes", DeviceClasses.KNOWN);
        List<?> stages = c.stages("configuration_stages", t -> t.startsWith("authenticator_") && !t.equals(NAME));
        if ("configure".equals(action) && stages != null && stages.isEmpty()) {
            c.error("not_configured_action", "When not_configured_action is configure, configuration_stages must be set.");
        }
        c.timedelta("last_auth_threshold");
        c.oneOf("webauthn_user_verification", USER_VERIFICATION);
        c.list("webauthn_allowed_device_types");
    }

    @Override
    public StageView view() {
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
