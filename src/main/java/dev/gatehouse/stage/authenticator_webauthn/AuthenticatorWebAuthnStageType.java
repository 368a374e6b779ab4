package dev.gatehouse.stage.authenticator_webauthn;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.UUID;
import dev.gatehouse.definition.Kind;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.flow.engine.StageType;
import dev.gatehouse.webauthn.WebAuthnRegistration;
import java.util.List;

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

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(String userVerification, String residentKeyRequirement, String authenticatorAttachment,
                         List<Object> deviceTypeRestrictions, String friendlyName, UUID configureFlow) {
        public static final Field<String> USER_VERIFICATION = Field.oneOf("user_verification", WebAuthnRegistration.REQUIREMENTS).byDefault("preferred");
        public static final Field<String> RESIDENT_KEY_REQUIREMENT = Field.oneOf("resident_key_requirement", WebAuthnRegistration.REQUIREMENTS).byDefault("preferred");
        public static final Field<String> AUTHENTICATOR_ATTACHMENT = Field.oneOf("authenticator_attachment", WebAuthnRegistration.ATTACHMENTS).nullable();
        public static final Field<List<Object>> DEVICE_TYPE_RESTRICTIONS = Field.of("device_type_restrictions", Kind.listOf(Kind.ANY)).byDefault(List.of());
        public static final Field<String> FRIENDLY_NAME = Field.string("friendly_name").nullable();
        public static final Field<UUID> CONFIGURE_FLOW = Field.ref("configure_flow", "flow").ofSubtype("stage_configuration").nullable();

        public static final Definition<Config> DEFINITION = Definition.define("authenticator_webauthn_stage", "AuthenticatorWebAuthnStage")
                .field(USER_VERIFICATION, RESIDENT_KEY_REQUIREMENT, AUTHENTICATOR_ATTACHMENT, DEVICE_TYPE_RESTRICTIONS, FRIENDLY_NAME, CONFIGURE_FLOW)
                .build(v -> new Config(v.value(USER_VERIFICATION), v.value(RESIDENT_KEY_REQUIREMENT), v.get(AUTHENTICATOR_ATTACHMENT), v.value(DEVICE_TYPE_RESTRICTIONS), v.get(FRIENDLY_NAME), v.get(CONFIGURE_FLOW)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    @Override
    public StageView<?> view() {
        return VIEW;
    }
}
