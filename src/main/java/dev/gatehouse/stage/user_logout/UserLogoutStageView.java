package dev.gatehouse.stage.user_logout;

import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.FlowEffect;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.NoAnswer;
import dev.gatehouse.flow.engine.StageView;
import java.util.Optional;

/** Ends the current session. */
public final class UserLogoutStageView implements StageView<NoAnswer> {

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        return Optional.empty();
    }

    @Override
    public StageResult submit(StageRun run, NoAnswer response) {
        run.effects().add(new FlowEffect.Logout());
        return StageResult.CONTINUE;
    }
}
