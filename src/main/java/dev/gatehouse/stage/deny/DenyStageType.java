package dev.gatehouse.stage.deny;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.flow.engine.StageType;

/** Stops the flow with a message. */
public final class DenyStageType implements StageType {
    @Override
    public String name() {
        return "deny";
    }

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(String denyMessage) {
        public static final Field<String> DENY_MESSAGE = Field.string("deny_message").byDefault("").help("Shown to the user.");

        public static final Definition<Config> DEFINITION = Definition.define("deny_stage", "DenyStage")
                .field(DENY_MESSAGE)
                .build(v -> new Config(v.value(DENY_MESSAGE)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    private static final DenyStageView VIEW = new DenyStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView<?> view() {
        return VIEW;
    }
}
