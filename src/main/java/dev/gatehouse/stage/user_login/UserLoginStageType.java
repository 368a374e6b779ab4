package dev.gatehouse.stage.user_login;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.core.Timedelta;
import dev.gatehouse.flow.engine.StageType;

/** Logs the pending user in: session length, remember-me extension, other sessions. */
public final class UserLoginStageType implements StageType {
    @Override
    public String name() {
        return "user_login";
    }

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(String sessionDuration, String rememberMeOffset, boolean terminateOtherSessions) {
        public static final Field<String> SESSION_DURATION = Field.string("session_duration").problem(Timedelta::problem).byDefault("seconds=0")
                .help("How long the session lasts (a timedelta); seconds=0: until the browser closes.");
        public static final Field<String> REMEMBER_ME_OFFSET = Field.string("remember_me_offset").problem(Timedelta::problem).byDefault("seconds=0");
        public static final Field<Boolean> TERMINATE_OTHER_SESSIONS = Field.bool("terminate_other_sessions").byDefault(false);

        public static final Definition<Config> DEFINITION = Definition.define("user_login_stage", "UserLoginStage")
                .field(SESSION_DURATION, REMEMBER_ME_OFFSET, TERMINATE_OTHER_SESSIONS)
                .build(v -> new Config(v.value(SESSION_DURATION), v.value(REMEMBER_ME_OFFSET), v.value(TERMINATE_OTHER_SESSIONS)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    private static final UserLoginStageView VIEW = new UserLoginStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView<?> view() {
        return VIEW;
    }
}
