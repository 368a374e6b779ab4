package dev.gatehouse.stage.user_logout;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.stage.StageType;
import java.util.Map;

/** Ends the current session; nothing to configure. */
public final class UserLogoutStageType implements StageType {
    @Override
    public String name() {
        return "user_logout";
    }

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map();
    }

    @Override
    public void validate(ConfigCheck c) {
        // no config keys
    }

    private static final UserLogoutStageView VIEW = new UserLogoutStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView view() {
        return VIEW;
    }
}
