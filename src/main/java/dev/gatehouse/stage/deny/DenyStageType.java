package dev.gatehouse.stage.deny;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.stage.StageType;
import java.util.Map;

/** Stops the flow with a message. */
public final class DenyStageType implements StageType {
    @Override
    public String name() {
        return "deny";
    }

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("deny_message", "");
    }

    @Override
    public void validate(ConfigCheck c) {
        c.string("deny_message");
    }

    private static final DenyStageView VIEW = new DenyStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView view() {
        return VIEW;
    }
}
