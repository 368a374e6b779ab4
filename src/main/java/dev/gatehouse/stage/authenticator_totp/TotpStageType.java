package dev.gatehouse.stage.authenticator_totp;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.UUID;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.flow.engine.StageType;

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

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(UUID configureFlow, String friendlyName, int digits) {
        public static final Field<UUID> CONFIGURE_FLOW = Field.ref("configure_flow", "flow").ofSubtype("stage_configuration").nullable()
                .help("The flow a user runs to set up a device from the settings page.");
        public static final Field<String> FRIENDLY_NAME = Field.string("friendly_name").nullable();
        public static final Field<Integer> DIGITS = Field.int32("digits").min(6).problem(d -> d == 6 || d == 8 ? null : "\"" + d + "\" is not a valid choice.")
                .byDefault(6).help("6 or 8.");

        public static final Definition<Config> DEFINITION = Definition.define("authenticator_totp_stage", "AuthenticatorTotpStage")
                .field(CONFIGURE_FLOW, FRIENDLY_NAME, DIGITS)
                .build(v -> new Config(v.get(CONFIGURE_FLOW), v.get(FRIENDLY_NAME), v.value(DIGITS)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    @Override
    public StageView<?> view() {
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
