package dev.gatehouse.stage.authenticator_static;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.UUID;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.flow.engine.StageType;

/** Enrolls a set of static recovery codes (authentik's {@code AuthenticatorStaticStage}), shown once. */
public final class StaticStageType implements StageType {
    public static final String NAME = "authenticator_static";
    private static final StaticSetupView VIEW = new StaticSetupView();

    @Override
    public String name() {
        return NAME;
    }

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(UUID configureFlow, String friendlyName, int tokenCount, int tokenLength) {
        public static final Field<UUID> CONFIGURE_FLOW = Field.ref("configure_flow", "flow").ofSubtype("stage_configuration").nullable();
        public static final Field<String> FRIENDLY_NAME = Field.string("friendly_name").nullable();
        public static final Field<Integer> TOKEN_COUNT = Field.int32("token_count").min(1).max(100).byDefault(6).help("Recovery codes per device.");
        public static final Field<Integer> TOKEN_LENGTH = Field.int32("token_length").min(8).max(100).byDefault(12);

        public static final Definition<Config> DEFINITION = Definition.define("authenticator_static_stage", "AuthenticatorStaticStage")
                .field(CONFIGURE_FLOW, FRIENDLY_NAME, TOKEN_COUNT, TOKEN_LENGTH)
                .build(v -> new Config(v.get(CONFIGURE_FLOW), v.get(FRIENDLY_NAME), v.value(TOKEN_COUNT), v.value(TOKEN_LENGTH)));
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
        return "authenticator/static";
    }

    @Override
    public String modelName() {
        return "authenticatorstaticstage";
    }
}
