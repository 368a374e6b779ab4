package dev.gatehouse.stage.dummy;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.flow.engine.StageType;

/** A stage for trying flows out: a Continue button, or an error when {@code throw_error} is set. */
public final class DummyStageType implements StageType {
    private static final DummyStageView VIEW = new DummyStageView();

    @Override
    public String name() {
        return "dummy";
    }

    /** The stage's config as its view reads it; {@link #DEFINITION} declares each field once. */
    public record Config(boolean throwError) {
        public static final Field<Boolean> THROW_ERROR = Field.bool("throw_error").byDefault(false)
                .help("Fail the flow with \"Test error\" instead of showing a Continue button.");

        public static final Definition<Config> DEFINITION = Definition.define("dummy_stage", "DummyStage")
                .field(THROW_ERROR)
                .build(v -> new Config(v.value(THROW_ERROR)));
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
