package dev.gatehouse.stage.deny;

import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.NoAnswer;
import dev.gatehouse.flow.engine.StageView;
import java.util.Optional;

/** Ends the flow with access denied and the configured message. */
public final class DenyStageView implements StageView<NoAnswer> {

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        return Optional.empty();
    }

    @Override
    public StageResult submit(StageRun run, NoAnswer response) {
        String message = run.config(DenyStageType.Config.DEFINITION).denyMessage();
        return new StageResult.Deny(message == null || message.isBlank() ? "Permission denied" : message);
    }
}
