package dev.gatehouse.stage.user_login;

import dev.gatehouse.core.Timedelta;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.FlowEffect;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Signs the pending user in: asks the caller to start a session of session_duration (0 = browser session). */
public final class UserLoginStageView implements StageView {

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        return Optional.empty();
    }

    @Override
    public StageResult submit(StageRun run, Map<String, Object> response) {
        return run.context().get(FlowKeys.PENDING_USER).filter(u -> u.isActive()).<StageResult>map(user -> {
            Object configured = run.config().get("session_duration");
            Duration lifetime = configured == null ? Duration.ZERO : Timedelta.parse(configured.toString());
            run.effects().add(new FlowEffect.Login(user, lifetime));
            return StageResult.CONTINUE;
        }).orElse(new StageResult.Deny("No user to sign in."));
    }
}
