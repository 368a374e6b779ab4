package dev.gatehouse.stage.authenticator_webauthn;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.stage.StageType;
import dev.gatehouse.webauthn.WebAuthnRegistration;
import java.util.List;
import java.util.Map;

/**
 * Registers a WebAuthn authenticator (passkey, security key) for the user (authentik's
 * {@code authenticator_webauthn}). Config as authentik: user_verification and resident_key_requirement
 * (required | preferred | discouraged), authenticator_attachment (platform | cross-platform | null),
 * friendly_name (the new device's name), configure_flow. device_type_restrictions is accepted and stored but not
 * applied: restricting by authenticator model needs the FIDO metadata service, which this version does not load.
 */
public final class AuthenticatorWebAuthnStageType implements StageType {
    public static final String NAME = "authenticator_webauthn";
    private static final AuthenticatorWebAuthnStageView VIEW = new AuthenticatorWebAuthnStageView();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String apiPath() {
        return "authenticator/webauthn";
    }

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("user_verification", "preferred", "resident_key_requirement", "preferred",
                "authenticator_attachment", null, "device_type_restrictions", List.of(), "friendly_name", null,
                "configure_flow", null);
    }

    @Override
    public void validate(ConfigCheck c) {
        c.oneOf("user_verification", WebAuthnRegistration.REQUIREMENTS);
        c.oneOf("resident_key_requirement", WebAuthnRegistration.REQUIREMENTS);
        if (c.value("authenticator_attachment") != null) {
            c.oneOf("authenticator_attachment", WebAuthnRegistration.ATTACHMENTS);
        }
        c.list("device_type_restrictions");
        if (c.value("friendly_name") != null) {
            c.string("friendly_name");
        }
        c.flow("configure_flow");
    }

    @Override
    public StageView view() {
        return VIEW;
    }
}
