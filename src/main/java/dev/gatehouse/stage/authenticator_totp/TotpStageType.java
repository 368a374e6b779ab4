package dev.gatehouse.stage.authenticator_totp;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.stage.StageType;
import java.util.Map;

/**
 * Enrolls a TOTP device (authentik's {@code AuthenticatorTOTPStage}): shows an {@code otpauth://} URL and its QR
 * code, and saves the device once the user proves it works with a first code.
 */
public final class TotpStageType implements StageType {
    public static final String NAME = "authenticator_totp";
    private static final TotpSetupView VIEW = new TotpSetupView();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("configure_flow", null, "friendly_name", null, "digits", 6);
    }

    @Override
    public void validate(ConfigCheck c) {
        c.flow("configure_flow");
        Object friendly = c.value("friendly_name");
        if (friendly != null && !(friendly instanceof String)) {
            c.error("friendly_name", "Not a valid string.");
        }
        Integer digits = c.integer("digits", 6);
        if (digits != null && digits != 6 && digits != 8) {
            c.error("digits", "\"" + digits + "\" is not a valid choice.");
        }
    }

    @Override
    public StageView view() {
        return VIEW;
    }

    @Override
    public String apiPath() {
        return "authenticator/totp";
    }

    @Override
    public String modelName() {
        return "authenticatortotpstage";
    }
}
