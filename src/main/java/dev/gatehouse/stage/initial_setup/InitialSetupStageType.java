package dev.gatehouse.stage.initial_setup;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.stage.StageType;
import java.util.Map;

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

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("username", "akadmin");
    }

    @Override
    public void validate(ConfigCheck c) {
        c.nonBlank("username");
    }

    @Override
    public StageView view() {
        return VIEW;
    }
}
