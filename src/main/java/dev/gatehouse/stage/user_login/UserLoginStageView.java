package dev.gatehouse.stage.user_login;

import dev.gatehouse.core.Timedelta;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.FlowEffect;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Signs the pending user in: asks the caller to start a session of session_duration (0 = browser
 * session). When remember_me_offset is set the user is first asked {@code ak-stage-user-login}
 * ("stay signed in?"); yes adds the offset to the session's lifetime.
 */
public final class UserLoginStageView implements StageView<UserLoginResponse> {

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        if (duration(run.config(UserLoginStageType.Config.DEFINITION).rememberMeOffset()).isZero() || run.context().get(FlowKeys.PENDING_USER).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UserLoginChallenge(
                run.context().get(FlowKeys.PENDING_USER).map(User::username).orElse(null)));
    }

    @Override
    public List<StagePage> pages() {
        return List.of(StagePage.of(UserLoginChallenge.COMPONENT, UserLoginChallenge.class, UserLoginResponse.class,
                "userlogin.jte"));
    }

    @Override
    public StageResult submit(StageRun run, UserLoginResponse response) {
        Optional<User> user = run.context().get(FlowKeys.PENDING_USER).filter(User::isActive);
        if (user.isEmpty()) {
            return new StageResult.Deny("No user to sign in.");
        }
        UserLoginStageType.Config config = run.config(UserLoginStageType.Config.DEFINITION);
        Duration lifetime = duration(config.sessionDuration());
        if (response.rememberMe()) {
            lifetime = lifetime.plus(duration(config.rememberMeOffset()));
        }
        run.effects().add(new FlowEffect.Login(user.get(), lifetime,
                config.terminateOtherSessions(),
                dev.gatehouse.flow.engine.AuthMethods.amr(run.context())));
        return StageResult.CONTINUE;
    }

    private static Duration duration(String configured) {
        return configured == null ? Duration.ZERO : Timedelta.parse(configured);
    }
}
