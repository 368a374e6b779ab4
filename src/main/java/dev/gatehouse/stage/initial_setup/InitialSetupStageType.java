package dev.gatehouse.stage.initial_setup;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.flow.engine.StageType;

/**
 * The gate of the {@code initial-setup} flow: lets the flow go on, with the bootstrap admin as the pending
 * user, only while that account has no usable password. authentik does this with two Python expression
 * policies (one sets the pending user); Gatehouse's policies have no side effects, so it is a stage.
 */
public final class InitialSetupStageType implements StageType {
    private static final InitialSetupStageView VIEW = new InitialSetupStageView();

    @Override
    public String name() {
        return "initial_setup";
    }

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(String username) {
        public static final Field<String> USERNAME = Field.string("username").notBlank().byDefault("akadmin")
                .help("The first superuser's username.");

        public static final Definition<Config> DEFINITION = Definition.define("initial_setup_stage", "InitialSetupStage")
                .field(USERNAME)
                .build(v -> new Config(v.value(USERNAME)));
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
