package dev.gatehouse.stage.dummy;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.stage.StageType;
import java.util.Map;

/** A stage for trying flows out: a Continue button, or an error when {@code throw_error} is set. */
public final class DummyStageType implements StageType {
    private static final DummyStageView VIEW = new DummyStageView();

    @Override
    public String name() {
        return "dummy";
    }

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("throw_error", false);
    }

    @Override
    public void validate(ConfigCheck c) {
        c.bool("throw_error");
    }

    @Override
    public StageView view() {
        return VIEW;
    }
}
