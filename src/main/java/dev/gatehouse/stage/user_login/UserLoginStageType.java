package dev.gatehouse.stage.user_login;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.stage.StageType;
import java.util.Map;

/** Logs the pending user in: session length, remember-me extension, other sessions. */
public final class UserLoginStageType implements StageType {
    @Override
    public String name() {
        return "user_login";
    }

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("session_duration", "seconds=0", "remember_me_offset", "seconds=0",
                "terminate_other_sessions", false);
    }

    @Override
    public void validate(ConfigCheck c) {
        c.timedelta("session_duration");
        c.timedelta("remember_me_offset");
        c.bool("terminate_other_sessions");
    }

    private static final UserLoginStageView VIEW = new UserLoginStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView view() {
        return VIEW;
    }
}
