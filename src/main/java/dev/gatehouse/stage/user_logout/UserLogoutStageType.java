package dev.gatehouse.stage.user_logout;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.flow.engine.StageType;

/** Ends the current session; nothing to configure. */
public final class UserLogoutStageType implements StageType {
    @Override
    public String name() {
        return "user_logout";
    }

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config() {

        public static final Definition<Config> DEFINITION = Definition.define("user_logout_stage", "UserLogoutStage")
                .build(v -> new Config());
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    private static final UserLogoutStageView VIEW = new UserLogoutStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView<?> view() {
        return VIEW;
    }
}
